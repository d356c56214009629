/**
 * Spanish opening marks: every question needs its ¿ and every exclamation its ¡, which
 * may stand mid-sentence (Si vienes, ¿me llamas?). Each ? or ! takes the nearest earlier
 * unused ¿ or ¡ in the same line; one without is reported. No fix: where the question
 * starts is for a person to say. `?!`, `!!` count once.
 */
import { listMarks, type PunctuationResult } from './punctuation-convention.ts';

const openers: Record<string, string> = { '?': '¿', '!': '¡' };

export function spanish(masked: string): PunctuationResult {
  const open: Record<string, number> = { '¿': 0, '¡': 0 };
  const missing: string[] = [];
  [...masked].forEach((ch, i, all) => {
    if (ch === '\n') open['¿'] = open['¡'] = 0;
    if (ch === '¿' || ch === '¡') open[ch]!++;
    const opener = openers[ch];
    if (!opener) return;
    const prev = all[i - 1];
    if (prev === '?' || prev === '!') return;
    if (open[opener]! > 0) open[opener]!--;
    else missing.push(opener);
  });
  if (missing.length === 0) return { issues: [], fixed: masked };
  return { issues: [{ key: 'punctuation.es-inverted', args: { marks: listMarks(missing) }, fixable: false }], fixed: masked };
}
