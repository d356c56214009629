/**
 * The review page of a statement in one locale: a page of segments, each side by side with its diff,
 * back-translation on request, decisions per segment and for the whole locale. Refusals
 * (four eyes, blocking findings, segments not ready) are shown at the top in the user's words.
 */
import type { TranslationSegmentView } from '../../src/operations/read-statements.ts';
import type { FindingView } from '../../src/operations/quality.ts';
import type { Placeholder } from '../../src/markdown/tokens.ts';
import { textDirection } from '../../src/publishing/text-direction.ts';
import { FindingsList } from './findings-list.tsx';
import { DatedMessage } from './date-time.tsx';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { ErrorText } from './error-text.ts';
import type { PageVars } from './page-env.ts';
import { ReviewSegment } from './review-segment.tsx';
import { can } from '../../src/workflow/roles.ts';
import { SegmentThread } from './segment-thread.tsx';
import type { SegmentComment } from '../../src/operations/segment-comments.ts';
import { SegmentPageNav, withPage } from './segment-pages.tsx';

export interface ReviewProps {
  vars: PageVars;
  slug: string;
  title: string;
  locale: string;
  sourceLocale: string;
  segments: TranslationSegmentView[];
  /** The translation's general comment thread (segment-thread.tsx). */
  comments?: SegmentComment[] | undefined;
  /** The segments whose current text the signed-in reviewer wrote (four-eyes: src/operations/review.ts, segmentsWrittenBy). */
  own: ReadonlySet<string>;
  /** The whole translation's version tag as read: the locale-wide decision names it (src/operations/translation-tag.ts). */
  translationTag: string;
  /** The page of segments shown (segment-pages.tsx), the locale's segments, the first shown's index. */
  page: number;
  total: number;
  offset: number;
  findings: FindingView[];
  submittedAt: string | null;
  placeholders: ReadonlyMap<string, readonly Placeholder[]>;
  providers: { id: string; label: string }[];
  /** Back-translations by segment id, when asked for; notes on why there is none. */
  back: { provider: string | null; texts: ReadonlyMap<string, string | null>; unknown: ReadonlyMap<string, readonly string[]>; notes: string[] } | null;
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function ReviewPage(p: ReviewProps) {
  const { vars } = p;
  const { t } = vars;
  const base = `/statements/${p.slug}/review/${p.locale}`;
  const dir = textDirection(p.locale);
  return (
    <Layout vars={vars} title={t('review.title', { title: p.title, locale: p.locale })} path={base}>
      <Notice error={p.error} done={p.done} />
      <p class="page-links">
        <a href={`/statements/${p.slug}/translate/${p.locale}`}>{t('statements.translate', { locale: p.locale })}</a>{' '}
        <a href={`/statements/${p.slug}/publish`}>{t('statements.publish')}</a>
      </p>
      <p class="submitted-at">
        {p.submittedAt ? <DatedMessage vars={vars} message="review.submittedAt" dates={{ at: p.submittedAt }} /> : t('review.notSubmitted')}
      </p>
      <form method="get" action={base} class="back-form">
        {p.page > 1 && <input type="hidden" name="page" value={String(p.page)} />}
        <label for="back-provider">{t('review.backProvider')}</label>
        <select id="back-provider" name="back">
          <option value="auto">{t('translate.providerDefault')}</option>
          {p.providers.map((provider) => (
            <option value={provider.id} selected={p.back?.provider === provider.id}>
              {provider.label}
            </option>
          ))}
        </select>
        <button type="submit">{t('review.requestBack')}</button>
      </form>
      {p.back && p.back.provider === null && <p class="back-notes">{t('review.noBackProvider', { notes: p.back.notes.join('; ') })}</p>}
      <section aria-labelledby="edition-findings" class="edition-findings">
        <h2 id="edition-findings">{t('findings.edition')}</h2>
        <FindingsList findings={p.findings} t={t} label={t('findings.edition')} />
      </section>
      <SegmentThread vars={vars} base={base} locale={p.locale} comments={p.comments} dir={dir} />
      <SegmentPageNav vars={vars} base={base} page={p.page} total={p.total} id="top" />
      {p.segments.map((s, i) => (
        <ReviewSegment
          vars={vars}
          base={base}
          index={p.offset + i}
          segment={s}
          own={p.own.has(s.id)}
          placeholders={p.placeholders.get(s.id) ?? []}
          back={p.back ? (p.back.texts.get(s.id) ?? null) : undefined}
          backUnknown={p.back?.unknown.get(s.id) ?? []}
          sourceLocale={p.sourceLocale}
          locale={p.locale}
          dir={dir}
          sourceDir={textDirection(p.sourceLocale)}
        />
      ))}
      <SegmentPageNav vars={vars} base={base} page={p.page} total={p.total} id="bottom" />
      {vars.session && can(vars.session.actor, 'review', p.locale) && (
      <section aria-labelledby="whole-heading" class="whole-locale">
        <h2 id="whole-heading">{t('review.whole', { locale: p.locale })}</h2>
        <form method="post" action={withPage(`${base}/decision`, p.page)} class="decision-form">
          <CsrfField vars={vars} />
          <input type="hidden" name="etag" value={p.translationTag} />
          <label for="comment-all">{t('review.comment')}</label>
          <input id="comment-all" name="comment" />
          <button type="submit" name="decision" value="approve">
            {t('review.approveAll')}
          </button>{' '}
          <button type="submit" name="decision" value="request_changes">
            {t('review.requestChangesAll')}
          </button>
        </form>
      </section>
      )}
    </Layout>
  );
}
