/**
 * `glossary`: terms of the glossary that occur in the source are rendered as agreed.
 * - doNotTranslate (fatal): the term appears verbatim (case-sensitive) in the translation;
 *   these are names of organisations, campaigns and products that must never change.
 * - preferred target term (warning): the translation has `targetText` or one of its
 *   listed `variants` (case-insensitive; Arabic proclitics allowed). A spelling that
 *   merely looks like the name is the same warning, naming what was found.
 * A term is looked for in the source as a whole word, case-sensitively for doNotTranslate
 * terms and case-insensitively otherwise.
 */
import { segmentFinding } from './finding.ts';
import { languageOf } from './locale-language.ts';
import { findLookAlike } from './look-alike.ts';
import { plainText } from './segment-text.ts';
import { containsTerm } from './term-match.ts';
import type { QualityFinding, SegmentRule } from './types.ts';

export const glossaryRule: SegmentRule = {
  id: 'glossary',
  check(input) {
    const source = plainText(input.segment.text);
    const target = plainText(input.text);
    const arabicProclitics = languageOf(input.targetLocale) === 'ar';
    const findings: QualityFinding[] = [];
    for (const entry of input.glossary) {
      const term = entry.term.trim();
      if (term === '') continue;
      if (entry.doNotTranslate) {
        if (containsTerm(source, term, { caseSensitive: true }) && !containsTerm(target, term, { caseSensitive: true })) {
          findings.push(segmentFinding(input, 'glossary', 'fatal', 'glossary.do-not-translate', { term, expected: term }));
        }
        continue;
      }
      const accepted = [entry.targetText ?? '', ...entry.variants].map((a) => a.trim()).filter((a) => a !== '');
      if (accepted.length === 0 || !containsTerm(source, term, { caseSensitive: false })) continue;
      const expected = accepted.join(' / ');
      const lookAlike = findLookAlike(target, accepted, arabicProclitics);
      if (lookAlike !== undefined) {
        findings.push(segmentFinding(input, 'glossary', 'warning', 'glossary.unlisted-variant', { term, expected, found: lookAlike }));
      } else if (!accepted.some((a) => containsTerm(target, a, { caseSensitive: false, arabicProclitics }))) {
        findings.push(segmentFinding(input, 'glossary', 'warning', 'glossary.preferred', { term, expected }));
      }
    }
    return findings;
  },
};
