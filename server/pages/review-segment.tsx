/**
 * One segment on the review page: source (for a stale segment, what changed in it, as a word
 * diff), machine draft (a stale segment's new one) and the submitted or kept text side by side,
 * the word diff machine → human, its back-translation when asked for, findings (a fatal rule
 * may be overridden with a reason, once for all its findings), and approve / request changes for this segment alone.
 */
import { can } from '../../src/workflow/roles.ts';
import type { TranslationSegmentView } from '../../src/operations/read-statements.ts';
import type { Placeholder } from '../../src/markdown/tokens.ts';
import { FindingsList } from './findings-list.tsx';
import { CsrfField } from './layout.tsx';
import type { PageVars } from './page-env.ts';
import { PlaceholderChips } from './placeholder-chips.tsx';
import { SourceChange } from './source-change.tsx';
import { SegmentThread } from './segment-thread.tsx';
import { SegmentHistory } from './segment-history.tsx';
import { SegmentContextLabel } from './segment-context-label.tsx';
import { WordDiff } from './word-diff.tsx';

export interface ReviewSegmentProps {
  vars: PageVars;
  base: string;
  index: number;
  segment: TranslationSegmentView;
  /** The signed-in reviewer wrote its current text (four-eyes by authorship): they cannot approve it. */
  own: boolean;
  placeholders: readonly Placeholder[];
  back: string | null | undefined;
  /** Words of the text the engine could not translate back (left as they were). */
  backUnknown?: readonly string[];
  sourceLocale: string;
  locale: string;
  dir: 'ltr' | 'rtl';
  sourceDir: 'ltr' | 'rtl';
}

export function ReviewSegment({ vars, base, index, segment: s, own, placeholders, back, backUnknown = [], sourceLocale, locale, dir, sourceDir }: ReviewSegmentProps) {
  const { t } = vars;
  const n = index + 1;
  return (
    <section class="segment review-segment" id={`seg-${s.id}`} data-segment={s.id} aria-labelledby={`h-${s.id}`}>
      <h2 id={`h-${s.id}`} class="segment-heading">
        {t('segment.heading', { n })} <span class={`state state-${s.state}`} data-state={s.state}>{t(`state.${s.state}`)}</span>
      </h2>
      <SegmentContextLabel context={s.context} t={t} />
      <div class="columns three">
        <div class="column">
          <h3>{t('segment.source')}</h3>
          <p class="source" lang={sourceLocale} dir={sourceDir}>
            <PlaceholderChips text={s.source} placeholders={placeholders} t={t} />
          </p>
          <SourceChange before={s.previousSource} after={s.source} lang={sourceLocale} dir={sourceDir} t={t} />
        </div>
        <div class="column">
          <h3>{t(s.state === 'stale' && s.machine !== null ? 'segment.newMachine' : 'segment.machine')}</h3>
          <p class="machine" lang={locale} dir={dir}>
            <PlaceholderChips text={s.machine} placeholders={placeholders} t={t} />
          </p>
        </div>
        <div class="column">
          <h3>{t('review.submission')}</h3>
          <p class="submission" lang={locale} dir={dir}>
            <PlaceholderChips text={s.text} placeholders={placeholders} t={t} />
          </p>
        </div>
      </div>
      <h3>{t('review.diff')}</h3>
      <p class="word-diff" lang={locale} dir={dir}>
        <WordDiff before={s.machine} after={s.text} t={t} />
      </p>
      {back !== undefined && (
        <>
          <h3>{t('review.backTranslation')}</h3>
          <p class="back-translation" lang={sourceLocale} dir={sourceDir}>
            {back ?? t('segment.none')}
          </p>
          {backUnknown.length > 0 && (
            <p class="back-unknown">
              {t('review.backUnknown')} <span lang={locale} dir={dir}>{backUnknown.join(', ')}</span>
            </p>
          )}
        </>
      )}
      <h3>{t('findings.title')}</h3>
      <FindingsList findings={s.findings} t={t} label={t('findings.ofSegment', { n })} />
      {[...new Set(s.findings.filter((f) => f.severity === 'fatal' && !f.overridden).map((f) => f.rule))].map((rule) => (
          <form method="post" action={`${base}/override`} class="override-form">
            <CsrfField vars={vars} />
            <input type="hidden" name="rule" value={rule} />
            <input type="hidden" name="segment" value={s.id} />
            <label for={`override-${s.id}-${rule}`}>{t('review.overrideReason', { rule, n })}</label>
            <input id={`override-${s.id}-${rule}`} name="reason" required />
            <button type="submit">{t('review.override')}</button>
          </form>
      ))}
      {own && <p class="own-text">{t('review.ownText')}</p>}
      {vars.session && can(vars.session.actor, 'review', locale) && (
      <form method="post" action={`${base}/decision`} class="decision-form">
        <CsrfField vars={vars} />
        <input type="hidden" name="segment" value={s.id} />
        <input type="hidden" name="version" value={String(s.version)} />
        <label for={`comment-${s.id}`}>{t('review.comment')}</label>
        <input id={`comment-${s.id}`} name="comment" />
        <button type="submit" name="decision" value="approve" aria-label={t('review.approveSegment', { n })}>
          {t('review.approve')}
        </button>{' '}
        <button type="submit" name="decision" value="request_changes" aria-label={t('review.requestChangesSegment', { n })}>
          {t('review.requestChanges')}
        </button>
      </form>
      )}
      <SegmentHistory vars={vars} segment={{ ...s, n }} locale={locale} dir={dir} />
      <SegmentThread vars={vars} base={base} locale={locale} comments={s.comments} segment={{ id: s.id, n }} dir={dir} />
    </section>
  );
}
