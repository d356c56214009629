/**
 * The translate page of a statement in one locale: a page of segments with their editors, the
 * findings about the whole edition, a machine-draft request with its live progress, and
 * submission for review. A locale not opened yet offers to start it.
 */
import type { JobView } from '../../src/operations/request-drafts.ts';
import type { TranslationSegmentView } from '../../src/operations/read-statements.ts';
import type { FindingView } from '../../src/operations/quality.ts';
import type { Placeholder } from '../../src/markdown/tokens.ts';
import { textDirection } from '../../src/publishing/text-direction.ts';
import { FindingsList } from './findings-list.tsx';
import { JobProgress } from './job-progress.tsx';
import { DatedMessage } from './date-time.tsx';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { ErrorText } from './error-text.ts';
import type { PageVars } from './page-env.ts';
import { SegmentEditor } from './segment-editor.tsx';
import { SegmentPageNav, withPage } from './segment-pages.tsx';

export interface TranslateProps {
  vars: PageVars;
  slug: string;
  title: string;
  locale: string;
  sourceLocale: string;
  /** Null: the locale has no translation yet. */
  translation: { segments: TranslationSegmentView[]; findings: FindingView[]; submittedAt: string | null; total: number; offset: number } | null;
  /** The page of segments shown (segment-pages.tsx). */
  page: number;
  placeholders: ReadonlyMap<string, readonly Placeholder[]>;
  providers: { id: string; label: string }[];
  /** The engine that drafts this locale when none is chosen (routing); null: people translate. */
  defaultEngine: { id: string; label: string } | null;
  job: JobView | null;
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function TranslatePage(p: TranslateProps) {
  const { vars } = p;
  const { t } = vars;
  const base = `/statements/${p.slug}/translate/${p.locale}`;
  const dir = textDirection(p.locale);
  return (
    <Layout vars={vars} title={t('translate.title', { title: p.title, locale: p.locale })} path={base}>
      <Notice error={p.error} done={p.done} />
      <p class="page-links">
        <a href={`/statements/${p.slug}/review/${p.locale}`}>{t('statements.review', { locale: p.locale })}</a>{' '}
        <a href={`/statements/${p.slug}/history`}>{t('statements.history')}</a>
      </p>
      {p.job && <JobProgress job={p.job} locale={p.locale} reload={withPage(base, p.page)} t={t} />}
      <form method="post" action={withPage(`${base}/drafts`, p.page)} class="drafts-form">
        <CsrfField vars={vars} />
        <label for="provider">{t('translate.provider')}</label>
        <select id="provider" name="provider">
          <option value="">{t('translate.providerDefault')}</option>
          {p.providers.map((provider) => (
            <option value={provider.id}>{provider.label}</option>
          ))}
        </select>
        <button type="submit">{t('translate.requestDrafts')}</button>
        <p class="default-engine" data-engine={p.defaultEngine?.id ?? 'none'}>
          {p.defaultEngine ? t('translate.defaultEngine', { locale: p.locale, engine: p.defaultEngine.label }) : t('translate.noEngine', { locale: p.locale })}
        </p>
      </form>
      {p.translation === null ? (
        <form method="post" action={`${base}/start`}>
          <CsrfField vars={vars} />
          <p>{t('translate.notStarted', { locale: p.locale })}</p>
          <button type="submit">{t('translate.start')}</button>
        </form>
      ) : (
        <>
          <section aria-labelledby="edition-findings" class="edition-findings">
            <h2 id="edition-findings">{t('findings.edition')}</h2>
            <div class="edition-findings-list">
              <FindingsList findings={p.translation.findings} t={t} label={t('findings.edition')} />
            </div>
          </section>
          <SegmentPageNav vars={vars} base={base} page={p.page} total={p.translation.total} id="top" />
          {p.translation.segments.map((s, i) => (
            <SegmentEditor
              vars={vars}
              action={`${base}/segments/${s.id}`}
              index={p.translation!.offset + i}
              segment={s}
              placeholders={p.placeholders.get(s.id) ?? []}
              sourceLocale={p.sourceLocale}
              locale={p.locale}
              dir={dir}
              sourceDir={textDirection(p.sourceLocale)}
            />
          ))}
          <SegmentPageNav vars={vars} base={base} page={p.page} total={p.translation.total} id="bottom" />
          <form method="post" action={withPage(`${base}/submit`, p.page)} class="submit-form">
            <CsrfField vars={vars} />
            {p.translation.submittedAt && (
              <p class="submitted-at">
                <DatedMessage vars={vars} message="translate.submittedAt" dates={{ at: p.translation.submittedAt }} />
              </p>
            )}
            <button type="submit">{t('translate.submit')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
