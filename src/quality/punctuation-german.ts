/**
 * German quotation marks: „…“ (in Switzerland and Liechtenstein «…», „…“ also accepted).
 * Straight "…" and English “…” quotes are reported and, when they pair up, replaced.
 * Guillemets »…« used as German quotes are left alone.
 */
import { regionOf } from './locale-language.ts';
import type { PunctuationResult } from './punctuation-convention.ts';

export function german(masked: string, locale: string): PunctuationResult {
  const region = regionOf(locale);
  const [open, close] = region === 'CH' || region === 'LI' ? ['«', '»'] : ['„', '“'];
  const quotes = [...masked.matchAll(/["“”„]/gu)];
  const fixable = quotes.length % 2 === 0;
  // Paired up in order: each pair must open with „ and close with “. Unpaired (a quotation
  // running on into the next paragraph), only marks German never uses are certain.
  const wrong = fixable
    ? quotes.some((q, i) => q[0] !== (i % 2 === 0 ? '„' : '“'))
    : quotes.some((q) => q[0] === '"' || q[0] === '”');
  if (!wrong) return { issues: [], fixed: masked };
  const fixed = fixable ? replaceQuotes(masked, open, close) : masked;
  return { issues: [{ key: 'punctuation.de-quotes', args: { expected: `${open}…${close}` }, fixable }], fixed };
}

function replaceQuotes(text: string, open: string, close: string): string {
  let n = 0;
  return text.replace(/["“”„]/gu, () => (n++ % 2 === 0 ? open : close));
}
