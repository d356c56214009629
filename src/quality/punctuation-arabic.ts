/**
 * Arabic-script punctuation (ar, fa, ur, ps, sd, ckb, ug): the Latin comma, semicolon and
 * question mark written after a word of the Arabic script become ، ؛ ؟. Marks between
 * digits (١,٥) or before Latin text or digits are left alone: they may belong to a number
 * or to a quoted Latin phrase.
 */
import { isTransparent } from './masking.ts';
import { listMarks, type PunctuationResult } from './punctuation-convention.ts';

export const arabicScriptLanguages = new Set(['ar', 'fa', 'ur', 'ps', 'sd', 'ckb', 'ug']);

const replacements: Record<string, string> = { ',': '،', ';': '؛', '?': '؟' };
const arabicLetter = (ch: string) => /^\p{Script=Arabic}$/u.test(ch) && /^[\p{L}\p{M}]$/u.test(ch);
const latinOrDigit = /^[\p{Script=Latin}\p{Nd}]$/u;
const passOver = (ch: string | undefined) => ch !== undefined && (isTransparent(ch) || /^\s$/u.test(ch));

export function arabic(masked: string): PunctuationResult {
  const out = [...masked];
  const marks: string[] = [];
  out.forEach((ch, i) => {
    const replacement = replacements[ch];
    if (!replacement) return;
    let j = i - 1;
    while (passOver(out[j])) j--;
    let k = i + 1;
    while (passOver(out[k])) k++;
    const prev = out[j];
    const next = out[k];
    if (prev === undefined || !arabicLetter(prev)) return;
    if (next !== undefined && latinOrDigit.test(next)) return;
    marks.push(ch);
    out[i] = replacement;
  });
  if (marks.length === 0) return { issues: [], fixed: masked };
  return { issues: [{ key: 'punctuation.arabic-marks', args: { marks: listMarks(marks) }, fixable: true }], fixed: out.join('') };
}
