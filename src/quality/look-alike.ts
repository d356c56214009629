/**
 * Spellings that look like a glossary name without being one of its listed forms:
 * `Mohamed` when `Mohammed` and `Muhammad` are listed, `Gazá` when `Gaza` is. Known
 * transliteration variants are accepted only as listed, so a near miss is reported for a
 * person to confirm (and add to the glossary) rather than taken silently.
 *
 * Near: the same letters once accents and case are set aside, or an edit distance of 1
 * (names of 4 to 7 letters) or 2 (8 and more). A name written with a capital only looks
 * like capitalised words, so common words (`parts` for `Paris`) are not taken for it.
 */
import { distance } from 'fastest-levenshtein';
import { containsTerm } from './term-match.ts';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ');

function allowedDistance(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

export function findLookAlike(text: string, accepted: readonly string[], arabicProclitics: boolean): string | undefined {
  const normalised = text.normalize('NFC');
  const words = [...normalised.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const isAccepted = (phrase: string) => accepted.some((a) => containsTerm(phrase, a, { caseSensitive: false, arabicProclitics, whole: true }));
  for (const form of accepted) {
    const target = fold(form.trim());
    const n = form.trim().split(/\s+/u).length;
    const capitalised = /^\p{Lu}/u.test(form.trim());
    const allowed = allowedDistance([...target].length);
    for (let i = 0; i + n <= words.length; i++) {
      const phrase = normalised.slice(words[i]!.start, words[i + n - 1]!.end);
      if (capitalised && !/^\p{Lu}/u.test(phrase)) continue;
      if (isAccepted(phrase)) continue;
      const folded = fold(phrase);
      if (folded === target || (allowed > 0 && distance(folded, target) <= allowed)) return phrase;
    }
  }
  return undefined;
}
