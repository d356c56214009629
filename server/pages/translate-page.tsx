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
import { SegmentEditor, type TwinOffer } from './segment-editor.tsx';
import { SegmentThread } from './segment-thread.tsx';
import type { SegmentComment } from '../../src/operations/segment-comments.ts';
import { pageCount, SegmentPageNav, withPage } from './segment-pages.tsx';

export interface TranslateProps {
  vars: PageVars;
  slug: string;
  title: string;
  locale: string;
  sourceLocale: string;
  /** Null: the locale has no translation yet. */
  translation: { segments: TranslationSegmentView[]; findings: FindingView[]; submittedAt: string | null; total: number; offset: number; comments?: SegmentComment[] | undefined } | null;
  /** The page of segments shown (segment-pages.tsx). */
  page: number;
  placeholders: ReadonlyMap<string, readonly Placeholder[]>;
  providers: { id: string; label: string }[];
  /** The engine that drafts this locale when none is chosen (routing); null: people translate. */
  defaultEngine: { id: string; label: string } | null;
  job: JobView | null;
  error?: ErrorText | undefined;
  done?: string | undefined;
  /**
   * The filter of `?state=` and `?finding=` (empty: all). The route pages the segments of the
   * whole statement that pass it (translation.total: how many); the page links keep it.
   */
  filter?: SegmentFilter;
  /** Each segment's place in the statement (from 0): its number, whatever page or filter shows it. */
  numbers?: ReadonlyMap<string, number>;
  /** Segments in the statement (the filter status: "shown of total"). */
  statementTotal?: number;
  /** Just saved (without script): the segment's twins offered its text (segment-editor.tsx). */
  twinOffers?: ReadonlyMap<string, readonly TwinOffer[]> | undefined;
  /** After a refused submission: the segments not ready, each with the page it is on. */
  notReady?: { id: string; n: number; page: number; state: string }[];
}

export interface SegmentFilter {
  state: string;
  finding: string;
}

/** The filter as a query (`state=…&finding=…`), empty without one. */
export function filterQuery(filter: SegmentFilter | undefined): string {
  if (!filter) return '';
  return (['state', 'finding'] as const)
    .filter((name) => filter[name] !== '')
    .map((name) => `${name}=${encodeURIComponent(filter[name])}`)
    .join('&');
}

/** A segment in this state still needs work (pages.js's "next that needs work" uses the same states). */
export function needsWork(state: string): boolean {
  return state !== 'translated' && state !== 'approved';
}

/** Whether a segment passes the filter. */
export function passesFilter(s: TranslationSegmentView, filter: SegmentFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.state && s.state !== filter.state) return false;
  if (filter.finding && !s.findings.some((f) => f.rule === filter.finding)) return false;
  return true;
}

const filterStates = ['untranslated', 'machine', 'translated', 'changes_requested', 'approved', 'stale'] as const;

/** The keyboard shortcuts of the page (pages.js), listed on it. */
const shortcuts = [
  { keys: 'Ctrl+Enter (⌘+Enter)', what: 'flow.keySaveNext' },
  { keys: 'Alt+Shift+Enter', what: 'flow.keyConfirm' },
  { keys: 'Alt+Shift+N', what: 'flow.keyJumpNext' },
  { keys: 'Alt+Shift+↓', what: 'flow.keyNext' },
  { keys: 'Alt+Shift+↑', what: 'flow.keyPrevious' },
] as const;

export function TranslatePage(p: TranslateProps) {
  const { vars } = p;
  const { t } = vars;
  const base = `/statements/${p.slug}/translate/${p.locale}`;
  const dir = textDirection(p.locale);
  return (
    <Layout vars={vars} title={t('translate.title', { title: p.title, locale: p.locale })} path={base}>
      <Notice error={p.error} done={p.done} />
      {p.notReady && p.notReady.length > 0 && (
        <nav class="not-ready" aria-labelledby="not-ready-heading">
          <h2 id="not-ready-heading">{t('flow.notReady', { count: p.notReady.length })}</h2>
          <ul>
            {p.notReady.map((s) => (
              <li>
                <a href={`${withPage(base, s.page)}#seg-${s.id}`} data-segment={s.id}>
                  {t('flow.notReadyItem', { n: s.n, state: t(`state.${s.state}`) })}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p class="page-links">
        <a href={`/statements/${p.slug}/review/${p.locale}`}>{t('statements.review', { locale: p.locale })}</a>{' '}
        <a href={`${base}/upload`}>{t('upload:link')}</a>{' '}
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
          <details class="shortcuts">
            <summary>{t('flow.shortcuts')}</summary>
            <dl>
              {shortcuts.map((k) => (
                <>
                  <dt>
                    <kbd>{k.keys}</kbd>
                  </dt>
                  <dd>{t(k.what)}</dd>
                </>
              ))}
            </dl>
          </details>
          <form method="get" action={base} class="segment-filter">
            <label for="filter-state">{t('flow.filterState')}</label>{' '}
            <select id="filter-state" name="state">
              <option value="">{t('flow.filterAll')}</option>
              {filterStates.map((state) => (
                <option value={state} {...(p.filter?.state === state ? { selected: true } : {})}>
                  {t(`state.${state}`)}
                </option>
              ))}
            </select>{' '}
            <label for="filter-finding">{t('flow.filterFinding')}</label>{' '}
            <select id="filter-finding" name="finding">
              <option value="">{t('flow.filterAll')}</option>
              {[...new Set([...p.translation.segments.flatMap((s) => s.findings.map((f) => f.rule)), ...(p.filter?.finding ? [p.filter.finding] : [])])].sort().map((rule) => (
                <option value={rule} {...(p.filter?.finding === rule ? { selected: true } : {})}>
                  {rule}
                </option>
              ))}
            </select>{' '}
            <button type="submit" class="filter-apply">
              {t('flow.filterApply')}
            </button>{' '}
            <button type="button" class="jump-next" aria-keyshortcuts="Alt+Shift+N" data-msg-none={t('flow.noneNeedWork')}>
              {t('flow.jumpNext')}
            </button>
            {pageCount(p.translation.total) > 1 && (
              <>
                {' '}
                {/* With more than one page: the next segment that needs work after this page's last, on a later page (pages.js follows it when none is left here). */}
                <a class="next-work" href={`${base}/next-work?${[`after=${encodeURIComponent(p.translation.segments.at(-1)?.id ?? '')}`, filterQuery(p.filter)].filter((q) => q !== '').join('&')}`}>
                  {t('flow.jumpNextPages')}
                </a>
              </>
            )}
            <p class="filter-status" role="status" aria-live="polite">
              {t('flow.filterShown', { shown: p.translation.total, total: p.statementTotal ?? p.translation.total })}
            </p>
          </form>
          <SegmentThread vars={vars} base={base} locale={p.locale} comments={p.translation.comments} dir={dir} />
          <SegmentPageNav vars={vars} base={base} query={filterQuery(p.filter)} page={p.page} total={p.translation.total} id="top" />
          {p.translation.segments.map((s, i) => (
            <SegmentEditor
              vars={vars}
              action={withPage(`${base}/segments/${s.id}`, 1, filterQuery(p.filter))}
              index={p.numbers?.get(s.id) ?? p.translation!.offset + i}
              segment={s}
              placeholders={p.placeholders.get(s.id) ?? []}
              sourceLocale={p.sourceLocale}
              locale={p.locale}
              dir={dir}
              sourceDir={textDirection(p.sourceLocale)}
              hidden={!passesFilter(s, p.filter)}
              twinOffers={p.twinOffers?.get(s.id) ?? []}
            />
          ))}
          <SegmentPageNav vars={vars} base={base} query={filterQuery(p.filter)} page={p.page} total={p.translation.total} id="bottom" />
          <form method="post" action={withPage(`${base}/submit`, p.page)} class="submit-form" id="submit">
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
