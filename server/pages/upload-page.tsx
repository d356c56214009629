/**
 * The upload page of a locale: a whole translation as a Markdown or XLIFF (1.2 or 2.0) file,
 * then how many texts were taken and every segment (or unit) not taken, with why, in the
 * page's language. The rules are the operation's (src/operations/import-translation.ts).
 */
import type { ErrorText } from './error-text.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { PageVars } from './page-env.ts';

/** A segment or unit not taken: its number and source when the statement has it, else the file's unit id. */
export interface NotTakenView {
  id: string;
  n?: number | undefined;
  source?: string | undefined;
  reason: string;
}

export interface UploadOutcomeView {
  updated: number;
  unchanged: number;
  notTaken: NotTakenView[];
}

export interface UploadPageProps {
  vars: PageVars;
  slug: string;
  locale: string;
  title: string;
  outcome?: UploadOutcomeView | undefined;
  error?: ErrorText | undefined;
}

export function UploadPage({ vars, slug, locale, title, outcome, error }: UploadPageProps) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`upload:${key}`, args);
  const base = `/statements/${slug}/translate/${locale}`;
  return (
    <Layout vars={vars} title={t('title', { title, locale })} path={`${base}/upload`}>
      <Notice error={error} done={outcome ? t('done', { updated: outcome.updated, unchanged: outcome.unchanged, notTaken: outcome.notTaken.length }) : undefined} />
      {outcome && outcome.notTaken.length > 0 && (
        <section aria-labelledby="not-taken-heading" class="upload-not-taken">
          <h2 id="not-taken-heading">{t('notTakenHeading')}</h2>
          <p>{t('notTakenHelp')}</p>
          <ul>
            {outcome.notTaken.map((s) => (
              <li data-segment={s.id} data-reason={s.reason}>
                {s.n !== undefined ? (
                  <>
                    <a href={`${base}#seg-${s.id}`}>{t('segment', { n: s.n })}</a> <bdi class="source">{(s.source ?? '').replace(/<[^>]+>/g, '')}</bdi>
                  </>
                ) : (
                  <bdi>{t('unit', { id: s.id })}</bdi>
                )}
                {': '}
                <span class="reason">{t(`reasons.${s.reason}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form method="post" action={`${base}/upload`} enctype="multipart/form-data" class="upload-form">
        <CsrfField vars={vars} />
        <p>
          <label for="translation-file">{t('file')}</label>
          <input id="translation-file" name="file" type="file" accept=".md,.markdown,.xlf,.xliff,.xml,text/markdown,application/xliff+xml" required aria-describedby="translation-file-help" />
          <span id="translation-file-help" class="help">
            {t('help')}
          </span>
        </p>
        <p class="actions">
          <button type="submit">{t('submit')}</button>
        </p>
      </form>
      <p class="page-links">
        <a href={base}>{t('back')}</a>
      </p>
    </Layout>
  );
}
