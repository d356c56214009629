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
import type { Placeholder } from '../markdown/tokens.ts';
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

/**
 * The findings of a text for a segment: what the quality rule reports and what the operations
 * refuse to store (src/operations/segment-placeholders.ts), worded once.
 */
export function placeholderFindings(segment: { id: string; placeholders: readonly Placeholder[] }, text: string): QualityFinding[] {
  const { tokens, problems } = xmlCodec.decode(text);
  const found = [
    ...problems.map((p) => ({ code: p.code, placeholderId: 'placeholderId' in p ? p.placeholderId : undefined })),
    ...validatePlaceholders(tokens, segment.placeholders),
  ];
  const seen = new Set<string>();
  const findings: QualityFinding[] = [];
  for (const p of found) {
    const key = keys[p.code];
    if (!key || seen.has(`${key}:${p.placeholderId}`)) continue;
    seen.add(`${key}:${p.placeholderId}`);
    findings.push({ rule: 'placeholders', severity: 'fatal', segmentId: segment.id, key, args: p.placeholderId === undefined ? {} : { placeholderId: p.placeholderId } });
  }
  return findings;
}

export const placeholdersRule: SegmentRule = {
  id: 'placeholders',
  check: (input) => placeholderFindings(input.segment, input.text),
};
