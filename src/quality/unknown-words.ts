/**
 * `unknown-words` (warning): words the engine could not translate and left in the source
 * language (Apertium marks them; the marks are stripped from the draft and the words kept
 * in its provenance), named while the segment's text still contains them, so a reviewer
 * is not told the draft is better than it is. Not reported: words that start with a
 * capital letter (names, acronyms, which the engine rightly leaves as they are), single
 * characters (a suffix cut off a figure, as in `under-16s`; `2,000th` is reported as
 * `th`), and words of glossary terms.
 */
import { segmentFinding } from './finding.ts';
import { escapeRegExp, plainText } from './segment-text.ts';
import type { SegmentRule } from './types.ts';

export const unknownWordsRule: SegmentRule = {
  id: 'unknown-words',
  check(input) {
    const words = input.machine?.unknownWords ?? [];
    if (words.length === 0) return [];
    const text = plainText(input.text);
    const glossaryWords = new Set(input.glossary.flatMap((g) => g.term.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u)));
    const left = [...new Set(words)].filter(
      (w) => [...w].length > 1 && !/^\p{Lu}/u.test(w) && !glossaryWords.has(w.toLowerCase()) && new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegExp(w)}(?![\\p{L}\\p{M}])`, 'u').test(text),
    );
    if (left.length === 0) return [];
    return [segmentFinding(input, 'unknown-words', 'warning', 'unknown-words.left', { words: left.join(', '), count: left.length })];
  },
};
