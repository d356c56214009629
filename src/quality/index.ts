/**
 * Quality checks: pure functions over a segment (source and translation) or over a whole
 * edition (source and target trees, segment states). No storage, no network: callers
 * give the inputs and record the findings. Each rule lives in its own file; this module
 * lists them in the order of `ruleIds` and runs them.
 */
import { bidiControlsRule } from './bidi-controls.ts';
import { glossaryRule } from './glossary.ts';
import { lengthRatioRule } from './length-ratio.ts';
import { linksRule } from './links.ts';
import { machineShareRule } from './machine-share.ts';
import { numbersRule } from './numbers.ts';
import { placeholdersRule } from './placeholders.ts';
import { punctuationRule } from './punctuation.ts';
import { quotesRule } from './quotes.ts';
import { structureParityRule } from './structure-parity.ts';
import type { EditionCheckInput, EditionRule, QualityFinding, SegmentCheckInput, SegmentRule } from './types.ts';
import { unknownWordsRule } from './unknown-words.ts';
import { untranslatedRule } from './untranslated.ts';

export * from './types.ts';
export {
  bidiControlsRule,
  glossaryRule,
  lengthRatioRule,
  linksRule,
  machineShareRule,
  numbersRule,
  placeholdersRule,
  punctuationRule,
  quotesRule,
  structureParityRule,
  unknownWordsRule,
  untranslatedRule,
};

export const segmentRules: readonly SegmentRule[] = [
  placeholdersRule,
  numbersRule,
  glossaryRule,
  untranslatedRule,
  bidiControlsRule,
  lengthRatioRule,
  punctuationRule,
  unknownWordsRule,
  quotesRule,
];

export const editionRules: readonly EditionRule[] = [structureParityRule, linksRule, machineShareRule];

export function checkSegment(input: SegmentCheckInput, rules: readonly SegmentRule[] = segmentRules): QualityFinding[] {
  return rules.flatMap((rule) => rule.check(input));
}

export function checkEdition(input: EditionCheckInput, rules: readonly EditionRule[] = editionRules): QualityFinding[] {
  return rules.flatMap((rule) => rule.check(input));
}

export function hasFatal(findings: readonly QualityFinding[]): boolean {
  return findings.some((f) => f.severity === 'fatal');
}
