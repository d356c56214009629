/** A word diff (the `diff` package's diffWords) as <del>/<ins> runs, e.g. machine draft → human text. */
import { diffWords } from 'diff';
import type { Translate } from './page-env.ts';

export function WordDiff({ before, after, t }: { before: string | null; after: string | null; t: Translate }) {
  if (before === null || after === null) return <span class="empty">{t('segment.none')}</span>;
  if (before === after) return <span class="diff-same">{t('review.unchanged')}</span>;
  return (
    <span class="diff">
      {diffWords(before, after).map((part) =>
        part.added ? (
          <ins aria-label={t('diff.added')}>{part.value}</ins>
        ) : part.removed ? (
          <del aria-label={t('diff.removed')}>{part.value}</del>
        ) : (
          part.value
        ),
      )}
    </span>
  );
}
