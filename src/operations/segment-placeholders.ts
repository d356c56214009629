/**
 * The rule every path that stores a person's text obeys (a segment saved over the API or from
 * the pages, a Markdown or XLIFF upload): a translation keeps its source segment's
 * placeholders (`<g id="1">…</g>`, `<x id="2"/>`), each exactly once, well formed and properly
 * nested. A text that breaks it is refused with `placeholders_broken`, naming the (first)
 * segment and placeholder; `details.segments` lists every refused segment and
 * `details.findings` every problem as a quality key (`placeholders.*`, as the quality rule
 * words it), so that one refusal of a bulk upload says everything that is wrong. Called inside
 * the operation's transaction, before anything is written.
 */
import { DomainError } from '../errors.ts';
import type { Placeholder } from '../markdown/tokens.ts';
import { placeholderFindings } from '../quality/placeholders.ts';
import type { QualityFinding } from '../quality/types.ts';

/** Texts by segment id; a segment the source does not have is not this rule's to judge (segment_not_found is). */
export function refuseBrokenPlaceholders(segments: readonly { id: string; placeholders: readonly Placeholder[] }[], texts: Iterable<readonly [string, string]>): void {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const refused: string[] = [];
  const findings: QualityFinding[] = [];
  for (const [segmentId, text] of texts) {
    const segment = byId.get(segmentId);
    if (!segment) continue;
    const found = placeholderFindings(segment, text);
    if (found.length === 0) continue;
    refused.push(segmentId);
    findings.push(...found);
  }
  const first = findings[0];
  if (!first) return;
  const placeholder = first.args.placeholderId === undefined ? '</g>' : String(first.args.placeholderId);
  throw new DomainError('placeholders_broken', `The placeholders of ${refused.length} segment(s) are broken, first ${first.segmentId} (placeholder ${placeholder}: ${first.key})`, {
    segmentId: first.segmentId,
    placeholder,
    count: refused.length,
    segments: refused,
    findings: findings.map((f) => ({ rule: f.rule, segmentId: f.segmentId, key: f.key, args: f.args })),
  });
}
