/**
 * `numbers`: the translation has the same numeric values as the source, as multisets.
 * A figure lost or changed in translation is a factual error in a press statement, so it
 * is fatal; a number only in the translation is a warning (it may be a spelled-out
 * ordinal or a date the translator completed). Placeholders are ignored (inline code and
 * images are not text); percentages compare as their number; dates as their day and year.
 *
 * The source is read with the source locale's conventions; the translation with the
 * target locale's and with the plain `1,234.5` form, whichever accounts for the source
 * better.
 */
import { segmentFinding } from './finding.ts';
import { asciiConvention, numberConvention, readNumbers, type NumberMention } from './number-format.ts';
import { plainText } from './segment-text.ts';
import type { QualityFinding, SegmentRule } from './types.ts';

interface Comparison {
  missing: NumberMention[];
  extra: NumberMention[];
}

function compare(source: readonly NumberMention[], target: readonly NumberMention[]): Comparison {
  const available = new Map<string, NumberMention[]>();
  for (const t of target) available.set(t.value, [...(available.get(t.value) ?? []), t]);
  const missing: NumberMention[] = [];
  for (const s of source) {
    const left = available.get(s.value);
    if (left && left.length > 0) left.shift();
    else missing.push(s);
  }
  const unmatched = new Set([...available.values()].flat());
  return { missing, extra: target.filter((t) => unmatched.has(t)) };
}

export const numbersRule: SegmentRule = {
  id: 'numbers',
  check(input) {
    const source = readNumbers(plainText(input.segment.text), numberConvention(input.sourceLocale));
    const targetText = plainText(input.text);
    const conventions = [...new Set([numberConvention(input.targetLocale), asciiConvention])];
    let best: Comparison | undefined;
    for (const c of conventions) {
      const result = compare(source, readNumbers(targetText, c));
      if (!best || result.missing.length < best.missing.length || (result.missing.length === best.missing.length && result.extra.length < best.extra.length)) {
        best = result;
      }
    }
    if (!best) return [];
    const findings: QualityFinding[] = [];
    const changed = Math.min(best.missing.length, best.extra.length);
    best.missing.forEach((m, i) => {
      const found = i < changed ? best.extra[i] : undefined;
      findings.push(
        found
          ? segmentFinding(input, 'numbers', 'fatal', 'numbers.changed', { value: m.spelling, found: found.spelling })
          : segmentFinding(input, 'numbers', 'fatal', 'numbers.missing', { value: m.spelling }),
      );
    });
    for (const e of best.extra.slice(changed)) findings.push(segmentFinding(input, 'numbers', 'warning', 'numbers.extra', { value: e.spelling }));
    return findings;
  },
};
