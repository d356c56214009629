/** Building findings: a segment rule's findings name their segment. */
import type { QualityFinding, RuleId, SegmentCheckInput, Severity } from './types.ts';

export function segmentFinding(
  input: SegmentCheckInput,
  rule: RuleId,
  severity: Severity,
  key: string,
  args: QualityFinding['args'] = {},
  fix?: string,
): QualityFinding {
  const finding: QualityFinding = { rule, severity, segmentId: input.segment.id, key, args };
  if (fix !== undefined) finding.fix = fix;
  return finding;
}
