import { describe, expect, it } from 'vitest';
import {
  checkEdition,
  checkSegment,
  editionRules,
  hasFatal,
  numbersRule,
  ruleIds,
  segmentRules,
  type QualityFinding,
} from '../../src/quality/index.ts';
import { editionInput, segmentInput } from './support.ts';

describe('the quality API', () => {
  it('lists every rule once, segment rules then edition rules', () => {
    expect(segmentRules.map((r) => r.id)).toEqual(['placeholders', 'numbers', 'glossary', 'untranslated', 'bidi-controls', 'length-ratio', 'punctuation', 'unknown-words', 'quotes']);
    expect(editionRules.map((r) => r.id)).toEqual(['structure-parity', 'links', 'machine-share']);
    expect([...segmentRules, ...editionRules].map((r) => r.id).sort()).toEqual([...ruleIds].sort());
  });

  it('runs every segment rule, naming the segment', () => {
    const input = segmentInput('We sent <g id="1">12</g> trucks.', 'Nous avons envoyé 13 camions"', { to: 'fr' });
    const findings = checkSegment(input);
    expect(findings.map((f) => [f.rule, f.key, f.severity])).toEqual([
      ['placeholders', 'placeholders.missing', 'fatal'],
      ['numbers', 'numbers.changed', 'fatal'],
      ['punctuation', 'punctuation.fr-quotes', 'warning'],
      ['quotes', 'quotes.count', 'warning'],
    ]);
    expect(new Set(findings.map((f) => f.segmentId))).toEqual(new Set([input.segment.id]));
    expect(hasFatal(findings)).toBe(true);
  });

  it('runs only the rules given', () => {
    const input = segmentInput('We sent <g id="1">12</g> trucks.', 'Nous avons envoyé 12 camions', { to: 'fr' });
    expect(checkSegment(input, [numbersRule])).toEqual([]);
    expect(checkSegment(input).map((f) => f.key)).toEqual(['placeholders.missing']);
  });

  it('runs every edition rule, without a segment id', () => {
    const findings = checkEdition(editionInput('One [a](https://example.org).\n', 'Un.\n\nDeux.\n'));
    expect(findings.map((f) => f.key)).toEqual(['structure-parity.extra', 'links.missing']);
    expect(findings.every((f) => f.segmentId === undefined)).toBe(true);
  });

  it('tells fatal findings from warnings', () => {
    const warning: QualityFinding = { rule: 'length-ratio', severity: 'warning', key: 'length-ratio.too-long', args: { ratio: 3, expected: 1 } };
    expect(hasFatal([])).toBe(false);
    expect(hasFatal([warning])).toBe(false);
    expect(hasFatal([warning, { ...warning, severity: 'fatal' }])).toBe(true);
  });
});
