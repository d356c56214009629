/** A line diff of two Markdown texts (the `diff` package's diffLines), unchanged runs folded. */
import { diffLines } from 'diff';
import type { Translate } from './page-env.ts';

export function LineDiff({ before, after, t }: { before: string; after: string; t: Translate }) {
  const parts = diffLines(before, after);
  if (parts.every((p) => !p.added && !p.removed)) return <p class="diff-same">{t('history.noChange')}</p>;
  return (
    <pre class="line-diff">
      {parts.map((part) =>
        part.added ? (
          <ins aria-label={t('diff.added')}>{part.value}</ins>
        ) : part.removed ? (
          <del aria-label={t('diff.removed')}>{part.value}</del>
        ) : (
          <span class="diff-context">{part.count && part.count > 4 ? `… ${t('history.unchangedLines', { count: part.count })} …\n` : part.value}</span>
        ),
      )}
    </pre>
  );
}
