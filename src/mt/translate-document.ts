/**
 * Machine-translates a segmented document with one provider: segments sent in batches
 * within the provider's limits, answers reassembled into the source tree.
 */
import type { SegmentedDocument } from '../markdown/segment.ts';
import { reassemble, type Reassembly } from '../markdown/reassemble.ts';
import type { MachineTranslationProvider, SegmentRequest, SegmentResult } from './provider.ts';

export function batchSegments(segments: readonly SegmentRequest[], limits: MachineTranslationProvider['limits']): SegmentRequest[][] {
  const batches: SegmentRequest[][] = [];
  let current: SegmentRequest[] = [];
  let chars = 0;
  for (const s of segments) {
    if (current.length > 0 && (current.length >= limits.maxSegmentsPerRequest || chars + s.text.length > limits.maxCharactersPerRequest)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(s);
    chars += s.text.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface MachineTranslation extends Reassembly {
  results: SegmentResult[];
}

export async function machineTranslate(
  doc: SegmentedDocument,
  provider: MachineTranslationProvider,
  sourceLocale: string,
  targetLocale: string,
): Promise<MachineTranslation> {
  const results: SegmentResult[] = [];
  for (const segments of batchSegments(doc.segments.map(({ id, text }) => ({ id, text })), provider.limits)) {
    results.push(...(await provider.translate({ sourceLocale, targetLocale, segments })));
  }
  const translations = new Map(results.map((r) => [r.id, r.text]));
  return { ...reassemble(doc, translations), results };
}
