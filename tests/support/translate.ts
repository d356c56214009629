/** Translation maps for tests. */
import type { SegmentedDocument } from '../../src/markdown/index.ts';
import { pseudoText } from '../../src/mt/pseudo.ts';

export function identity(doc: SegmentedDocument): Map<string, string> {
  return new Map(doc.segments.map((s) => [s.id, s.text]));
}

export function pseudo(doc: SegmentedDocument): Map<string, string> {
  return new Map(doc.segments.map((s) => [s.id, pseudoText(s.text)]));
}
