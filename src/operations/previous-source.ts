/**
 * For stale segments, the source text their kept text was written for: the segment they
 * continue (aligned as `reviseSource` aligned it) in the latest earlier revision where the
 * segment was not stale yet. A reader compares it with the current source to see what changed.
 */
import { revisionOf, type StoredSegment } from '../store/queries/statements.ts';
import { segmentRows } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';
import { alignSegments } from './align-segments.ts';

export async function previousSources(
  db: Db,
  statementId: string,
  revision: { number: number; segmentList: readonly StoredSegment[] },
  translationId: string,
  rows: readonly { segment_id: string; state: string }[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  /** current segment id → the id it had in the revision `number` below */
  let pending = new Map(rows.filter((r) => r.state === 'stale').map((r) => [r.segment_id, r.segment_id]));
  let number = revision.number;
  let segments = revision.segmentList;
  while (pending.size > 0 && number > 1) {
    const previous = await revisionOf(db, statementId, number - 1);
    const alignment = alignSegments(previous.segmentList, segments);
    const previousRows = new Map((await segmentRows(db, translationId, previous.number)).map((r) => [r.segment_id, r]));
    const previousText = new Map(previous.segmentList.map((s) => [s.id, s.text]));
    const next = new Map<string, string>();
    for (const [current, id] of pending) {
      const oldId = alignment.unchanged.get(id) ?? alignment.changed.get(id);
      const oldRow = oldId === undefined ? undefined : previousRows.get(oldId);
      if (oldId === undefined || !oldRow) continue;
      if (oldRow.state === 'stale') next.set(current, oldId);
      else found.set(current, previousText.get(oldId) ?? '');
    }
    pending = next;
    number = previous.number;
    segments = previous.segmentList;
  }
  return found;
}
