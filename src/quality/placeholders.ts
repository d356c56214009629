/**
 * `placeholders` (fatal): every placeholder of the source exactly once in the translation,
 * paired ones wrapping text and properly nested, no link inside a link, none the source
 * does not have. A segment failing this cannot be reassembled (it falls back to its source
 * text), so it blocks approval. The checks are the Markdown core's own
 * (validate-placeholders.ts); this rule only words them as quality findings.
 */
import type { FindingCode } from '../markdown/findings.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { validatePlaceholders } from '../markdown/validate-placeholders.ts';
import { segmentFinding } from './finding.ts';
import type { QualityFinding, SegmentRule } from './types.ts';

const keys: Partial<Record<FindingCode, string>> = {
  'placeholder-missing': 'placeholders.missing',
  'placeholder-duplicated': 'placeholders.duplicated',
  'placeholder-unknown': 'placeholders.unknown',
  'placeholder-kind': 'placeholders.kind',
  'placeholder-nesting': 'placeholders.nesting',
  'placeholder-unclosed': 'placeholders.unclosed',
  'placeholder-stray-close': 'placeholders.stray-close',
};

export const placeholdersRule: SegmentRule = {
  id: 'placeholders',
  check(input) {
    const { tokens, problems } = xmlCodec.decode(input.text);
    const found = [
      ...problems.map((p) => ({ code: p.code, placeholderId: 'placeholderId' in p ? p.placeholderId : undefined })),
      ...validatePlaceholders(tokens, input.segment.placeholders),
    ];
    const seen = new Set<string>();
    const findings: QualityFinding[] = [];
    for (const p of found) {
      const key = keys[p.code];
      if (!key || seen.has(`${key}:${p.placeholderId}`)) continue;
      seen.add(`${key}:${p.placeholderId}`);
      findings.push(segmentFinding(input, 'placeholders', 'fatal', key, p.placeholderId === undefined ? {} : { placeholderId: p.placeholderId }));
    }
    return findings;
  },
};
