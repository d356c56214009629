/**
 * A comment thread on the translate and review pages (issue 16): a segment's (translator ↔
 * reviewer), or the translation's general one (`segment` absent), oldest first, each comment
 * with its author, role and time; a "request changes" comment marked as such. Below, a small
 * form to reply (a plain form post to …/comments: works without script) for those who may.
 */
import type { SegmentComment } from '../../src/operations/segment-comments.ts';
import { can } from '../../src/workflow/roles.ts';
import { DateTime } from './date-time.tsx';
import { CsrfField } from './layout.tsx';
import type { PageVars } from './page-env.ts';

export interface SegmentThreadProps {
  vars: PageVars;
  /** The page the form returns to: `/statements/{slug}/translate/{locale}` or `/…/review/{locale}`. */
  base: string;
  locale: string;
  comments: readonly SegmentComment[] | undefined;
  /** The segment and its number on the page; absent: the general thread. */
  segment?: { id: string; n: number };
  dir: 'ltr' | 'rtl';
}

export function SegmentThread({ vars, base, locale, comments = [], segment, dir }: SegmentThreadProps) {
  const { t } = vars;
  const may = vars.session ? can(vars.session.actor, 'comment', locale) : false;
  if (comments.length === 0 && !may) return null;
  const key = segment ? segment.id : 'general';
  return (
    <section class="comment-thread" data-thread={key} aria-labelledby={`comments-${key}`}>
      <h3 id={`comments-${key}`}>{segment ? t('comments.title', { n: segment.n }) : t('comments.general')}</h3>
      {comments.length === 0 ? (
        <p class="comments-none">{t('comments.none')}</p>
      ) : (
        <ol class="comments">
          {comments.map((c) => (
            <li id={`comment-${c.id}`} class={`comment comment-${c.kind}`} data-comment={c.id} data-role={c.author.role}>
              <p class="comment-meta">
                <span class="comment-author">{t('comments.by', { name: c.author.name, role: t(`comments.role.${c.author.role}`) })}</span>{' '}
                <DateTime iso={c.at} lang={vars.lang} />
                {c.kind === 'request_changes' && <> <strong class="comment-kind">{t('comments.requestChanges')}</strong></>}
              </p>
              <p class="comment-text" lang={locale} dir="auto">
                {c.text}
              </p>
            </li>
          ))}
        </ol>
      )}
      {may && (
        <form method="post" action={`${base}/comments`} class="comment-form">
          <CsrfField vars={vars} />
          {segment && <input type="hidden" name="segment" value={segment.id} />}
          <label for={`comment-text-${key}`}>{segment ? t('comments.reply', { n: segment.n }) : t('comments.replyGeneral')}</label>
          <textarea id={`comment-text-${key}`} name="text" rows={2} maxlength={5000} required dir={dir} />
          <button type="submit">{t('comments.send')}</button>
        </form>
      )}
    </section>
  );
}
