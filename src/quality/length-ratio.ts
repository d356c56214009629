/**
 * `length-ratio` (warning): a translation far shorter or longer than usual for its
 * language pair, which points at an omission, an addition or the wrong text pasted in.
 * Length counts letters (with their combining marks) and digits, placeholders aside.
 * Expected ratio = factor(target) / factor(source), the factors being typical lengths
 * relative to English; reported when actual / expected is below 0.5 or above 2.0, and only
 * for sources of at least 20 such characters (short texts vary too much).
 */
import { segmentFinding } from './finding.ts';
import { languageOf } from './locale-language.ts';
import { plainText } from './segment-text.ts';
import type { SegmentRule } from './types.ts';

/** Typical length of a text in each language, English = 1 (letters and digits, not spaces). */
export const lengthFactors: Readonly<Record<string, number>> = {
  en: 1.0,
  ar: 0.85,
  fa: 0.9,
  ur: 0.95,
  ps: 0.9,
  he: 0.8,
  fr: 1.15,
  es: 1.15,
  ca: 1.15,
  gl: 1.12,
  pt: 1.12,
  it: 1.12,
  de: 1.2,
  nl: 1.15,
  id: 1.15,
  ms: 1.18,
  tr: 1.05,
  ru: 1.05,
  uk: 1.05,
  pl: 1.1,
  el: 1.15,
  sw: 1.15,
  hi: 0.9,
  bn: 0.95,
  th: 0.95,
  vi: 1.1,
  zh: 0.3,
  ja: 0.45,
  ko: 0.5,
};

export const minimumSourceLength = 20;
const low = 0.5;
const high = 2.0;

const factor = (locale: string) => lengthFactors[languageOf(locale)] ?? 1.0;
const measure = (xml: string) => (plainText(xml).match(/[\p{L}\p{M}\p{N}]/gu) ?? []).length;
const round2 = (n: number) => Math.round(n * 100) / 100;

export const lengthRatioRule: SegmentRule = {
  id: 'length-ratio',
  check(input) {
    const source = measure(input.segment.text);
    if (source < minimumSourceLength) return [];
    const ratio = measure(input.text) / source;
    const expected = factor(input.targetLocale) / factor(input.sourceLocale);
    const relative = ratio / expected;
    if (relative >= low && relative <= high) return [];
    const key = relative < low ? 'length-ratio.too-short' : 'length-ratio.too-long';
    return [segmentFinding(input, 'length-ratio', 'warning', key, { ratio: round2(ratio), expected: round2(expected) })];
  },
};
