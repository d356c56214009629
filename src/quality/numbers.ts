/**
 * `numbers`: the translation has the same numeric values as the source, as multisets.
 * A figure lost or changed in translation is a factual error in a press statement, so it
 * is fatal; a number only in the translation is a warning (it may be a spelled-out
 * ordinal or a date the translator completed). Placeholders are ignored (inline code and
 * images are not text); percentages compare as their number; dates as their day and year.
 *
 * The source is read with the source locale's conventions; the translation with the
 * target locale's and with the plain `1,234.5` form, whichever accounts for the source
 * better. A number of the source that the translation writes the plain way with a
 * separator that means the other thing in the target locale (`1,200 voluntarios` reads as
 * 1.2 in Spanish, `2,5` in English as 25) is a warning, `numbers.misread`, with a fix
 * written by `Intl.NumberFormat(target)` (`1200`; `12.500`).
 */
import { segmentFinding } from './finding.ts';
import { asciiConvention, numberConvention, readNumbers, type NumberConvention, type NumberMention } from './number-format.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { pushText, type Token } from '../markdown/tokens.ts';
import { escapeRegExp, plainText } from './segment-text.ts';
import type { QualityFinding, SegmentRule } from './types.ts';

interface Comparison {
  missing: NumberMention[];
  extra: NumberMention[];
  matched: NumberMention[];
  convention: NumberConvention;
}

function compare(source: readonly NumberMention[], target: readonly NumberMention[], convention: NumberConvention): Comparison {
  const available = new Map<string, NumberMention[]>();
  for (const t of target) available.set(t.value, [...(available.get(t.value) ?? []), t]);
  const missing: NumberMention[] = [];
  const matched: NumberMention[] = [];
  for (const s of source) {
    const left = available.get(s.value);
    if (left && left.length > 0) matched.push(left.shift()!);
    else missing.push(s);
  }
  const unmatched = new Set([...available.values()].flat());
  return { missing, extra: target.filter((t) => unmatched.has(t)), matched, convention };
}

/** A separator of `written` that is a group separator in one convention and a decimal one in the other. */
function misread(spelling: string, as: NumberConvention, target: NumberConvention): boolean {
  return [...spelling].some((ch) => (as.groups.includes(ch) && target.decimals.includes(ch)) || (as.decimals.includes(ch) && target.groups.includes(ch)));
}

/** The value as the target locale writes it, with as many decimals as written. */
function targetForm(m: NumberMention, locale: string): string {
  const decimals = m.value.split('.')[1]?.length ?? 0;
  try {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, numberingSystem: 'latn' }).format(Number(m.value));
  } catch {
    return m.value;
  }
}

/** The segment with each misread spelling replaced by the target's form (placeholders untouched). */
function misreadFix(xml: string, replacements: ReadonlyMap<string, string>): string {
  const pattern = new RegExp(`(?<![\\d.,])(?:${[...replacements.keys()].map(escapeRegExp).join('|')})(?![\\d]|[.,]\\d)`, 'gu');
  const out: Token[] = [];
  for (const t of xmlCodec.decode(xml).tokens) {
    if (t.type === 'text') pushText(out, t.value.replace(pattern, (s) => replacements.get(s) ?? s));
    else out.push(t);
  }
  return xmlCodec.encode(out);
}

/** How a reader of the target locale takes the spelling, in the plain form (`1,200` in es → `1.2`). */
function readsAs(spelling: string, target: NumberConvention): string {
  return readNumbers(spelling, target).map((n) => n.value).join(' ');
}

export const numbersRule: SegmentRule = {
  id: 'numbers',
  check(input) {
    const source = readNumbers(plainText(input.segment.text), numberConvention(input.sourceLocale));
    const targetText = plainText(input.text);
    const conventions = [...new Set([numberConvention(input.targetLocale), asciiConvention])];
    let best: Comparison | undefined;
    for (const c of conventions) {
      const result = compare(source, readNumbers(targetText, c), c);
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
    const target = numberConvention(input.targetLocale);
    if (best.convention !== target) {
      const wrong = best.matched.filter((m) => misread(m.spelling, best.convention, target));
      const replacements = new Map(wrong.map((m) => [m.spelling, targetForm(m, input.targetLocale)]));
      const fix = wrong.length > 0 ? misreadFix(input.text, replacements) : undefined;
      for (const m of wrong) {
        findings.push(segmentFinding(input, 'numbers', 'warning', 'numbers.misread', { value: m.spelling, reads: readsAs(m.spelling, target), expected: replacements.get(m.spelling)! }, fix));
      }
    }
    return findings;
  },
};
