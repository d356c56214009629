/**
 * A draft job's progress per locale, updated live by /assets/pages.js from the job's
 * server-sent events (/jobs/{id}/events, this site's session); a plain page shows it as it was.
 */
import type { JobView } from '../../src/operations/request-drafts.ts';
import type { Translate } from './page-env.ts';

/** Messages for the script, with %done and %total where the numbers go. */
const template = { done: '%done', total: '%total' };

export function JobProgress({ job, locale, reload, t }: { job: JobView; locale: string; reload: string; t: Translate }) {
  const p = job.progress[locale];
  const done = p?.done ?? 0;
  const total = p?.total ?? 0;
  return (
    <section
      class="job"
      aria-labelledby="job-heading"
      data-events={`/jobs/${job.id}/events`}
      data-locale={locale}
      data-msg-queued={t('job.status.queued', template)}
      data-msg-running={t('job.status.running', template)}
      data-msg-done={t('job.status.done', template)}
      data-msg-failed={t('job.status.failed', template)}
    >
      <h2 id="job-heading">{t('job.title')}</h2>
      <label for="job-bar">{t('job.progress')}</label>
      <progress id="job-bar" max={Math.max(total, 1)} value={done}></progress>
      <p class="job-status" role="status" aria-live="polite" data-status={job.status}>
        {t(`job.status.${job.status}`, { done, total })}
      </p>
      {p?.error && <p class="job-error">{p.error}</p>}
      <p class="job-reload" hidden={job.status !== 'done' && job.status !== 'failed'}>
        <a href={reload}>{t('job.show')}</a>
      </p>
    </section>
  );
}
