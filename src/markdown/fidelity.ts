/**
 * How much of a source document outside its segments comes back byte-identical in an
 * edition: the lines that no segment touches (blank lines, fences, code, table delimiter
 * rows, reference definitions without titles, HTML), compared line by line after a diff.
 */
import { diffArrays } from 'diff';
import type { SegmentedDocument } from './segment.ts';
import { unitRange } from './splice.ts';

export interface Fidelity {
  /** Source lines that no segment touches. */
  outside: number;
  /** Of those, the lines found unchanged in the output. */
  identical: number;
}

export function lineFidelity(doc: SegmentedDocument, output: string): Fidelity {
  const lines = doc.source.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const lineOf = (at: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const touched = new Set<number>();
  for (const unit of new Set(doc.segments.map((s) => s.unit))) {
    const range = unitRange(doc, unit);
    if (!range) continue;
    for (let l = lineOf(range.start); l <= lineOf(Math.max(range.start, range.end - 1)); l++) touched.add(l);
  }
  const kept = new Set<number>();
  let line = 0;
  for (const part of diffArrays(lines, output.split('\n'))) {
    if (part.added) continue;
    const count = part.value.length;
    if (!part.removed) for (let i = 0; i < count; i++) kept.add(line + i);
    line += count;
  }
  let outside = 0;
  let identical = 0;
  for (let l = 0; l < lines.length; l++) {
    if (touched.has(l)) continue;
    outside++;
    if (kept.has(l)) identical++;
  }
  return { outside, identical };
}
