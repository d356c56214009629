/** For a stale segment: what changed in its source since its text was written, as a word diff (translate and review pages). */
import type { Translate } from './page-env.ts';
import { WordDiff } from './word-diff.tsx';

export function SourceChange({ before, after, lang, dir, t }: { before: string | null; after: string; lang: string; dir: 'ltr' | 'rtl'; t: Translate }) {
  if (before === null) return null;
  return (
    <>
      <h3>{t('segment.sourceChanged')}</h3>
      <p class="source-diff" lang={lang} dir={dir}>
        <WordDiff before={before} after={after} t={t} />
      </p>
    </>
  );
}
