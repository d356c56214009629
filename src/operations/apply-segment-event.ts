/**
 * One change to one segment, inside the caller's transaction: the transition table decides
 * the next state, the row is updated only at the version it was read at (optimistic
 * locking), and the change is appended to the segment's history.
 */
import { randomUUID } from 'node:crypto';
import type { Provenance } from '../mt/provider.ts';
import { DomainError } from '../errors.ts';
import { toJson } from '../store/json.ts';
import type { TranslationSegmentsTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';
import { isSegmentState, machineDraftKeepsText, transition, type SegmentEvent } from '../workflow/transitions.ts';

export interface SegmentChange {
  translationId: string;
  revision: number;
  segmentId: string;
  event: SegmentEvent;
  /** Refuse unless the segment is still at this version. */
  expectedVersion?: number;
  /** For `edit`: the human text. */
  text?: string;
  /** For `machine_draft`: the engine's text and provenance. */
  machine?: { text: string; provenance: Provenance };
  actor: string | null;
  comment?: string;
  at: string;
}

export type SegmentRow = TranslationSegmentsTable;

export async function currentSegment(db: Db, translationId: string, revision: number, segmentId: string): Promise<SegmentRow> {
  const row = await db
    .selectFrom('translation_segments')
    .selectAll()
    .where('translation_id', '=', translationId)
    .where('revision', '=', revision)
    .where('segment_id', '=', segmentId)
    .executeTakeFirst();
  if (!row) throw new DomainError('segment_not_found', `No segment ${segmentId} in this translation`, { segmentId });
  return row;
}

export function conflict(row: SegmentRow): DomainError {
  return new DomainError('version_conflict', `Segment ${row.segment_id} changed: it is at version ${row.version}`, {
    segmentId: row.segment_id,
    version: row.version,
    state: row.state,
    text: row.text,
  });
}

/**
 * Whether every change since `version` (at this revision) was a machine draft put beside the
 * text: the text and state the caller read are still the segment's, so a change made at that
 * version is not refused as a conflict (a translator's save is not lost to a draft job).
 */
export async function onlyDraftedSince(db: Db, row: SegmentRow, version: number): Promise<boolean> {
  if (version >= row.version) return false;
  const since = await db
    .selectFrom('segment_history')
    .select(['event', 'state'])
    .where('translation_id', '=', row.translation_id)
    .where('revision', '=', row.revision)
    .where('segment_id', '=', row.segment_id)
    .where('version', '>', version)
    .where('version', '<=', row.version)
    .execute();
  return since.length === row.version - version && since.every((h) => h.event === 'machine_draft' && isSegmentState(h.state) && machineDraftKeepsText(h.state));
}

export async function applySegmentEvent(db: Db, change: SegmentChange, read?: SegmentRow): Promise<SegmentRow> {
  const row = read ?? (await currentSegment(db, change.translationId, change.revision, change.segmentId));
  if (change.expectedVersion !== undefined && change.expectedVersion !== row.version && !(await onlyDraftedSince(db, row, change.expectedVersion))) throw conflict(row);
  if (!isSegmentState(row.state)) throw new Error(`corrupt segment state ${row.state}`);
  const next = transition(row.state, change.event);
  if (!next.ok) {
    throw new DomainError('transition_refused', `Cannot ${change.event} a segment that is ${row.state}`, {
      segmentId: row.segment_id,
      state: row.state,
      event: change.event,
      reason: next.reason,
    });
  }
  const updated: SegmentRow = {
    ...row,
    state: next.state,
    version: row.version + 1,
    updated_by: change.actor,
    updated_at: change.at,
  };
  if (change.event === 'edit') {
    updated.text = change.text ?? '';
    updated.last_editor = change.actor;
  } else if (change.event === 'machine_draft' && change.machine) {
    // Human text (or text a person must decide on) stays: the draft goes beside it.
    updated.machine_text = change.machine.text;
    updated.machine_provenance = toJson(change.machine.provenance);
    if (!machineDraftKeepsText(row.state, row.last_editor !== null)) {
      updated.text = change.machine.text;
      updated.last_editor = null;
      updated.state = 'machine';
    }
  }
  const result = await db
    .updateTable('translation_segments')
    .set({
      state: updated.state,
      text: updated.text,
      machine_text: updated.machine_text,
      machine_provenance: updated.machine_provenance,
      last_editor: updated.last_editor,
      version: updated.version,
      updated_by: updated.updated_by,
      updated_at: updated.updated_at,
    })
    .where('translation_id', '=', row.translation_id)
    .where('revision', '=', row.revision)
    .where('segment_id', '=', row.segment_id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw conflict(await currentSegment(db, row.translation_id, row.revision, row.segment_id));
  await appendHistory(db, updated, change.event, change.actor, change.comment ?? null, change.at);
  return updated;
}

export async function appendHistory(db: Db, row: SegmentRow, event: string, actor: string | null, comment: string | null, at: string): Promise<void> {
  await db
    .insertInto('segment_history')
    .values({
      id: randomUUID(),
      translation_id: row.translation_id,
      revision: row.revision,
      segment_id: row.segment_id,
      version: row.version,
      event,
      state: row.state,
      text: row.text,
      machine_text: row.machine_text,
      machine_provenance: row.machine_provenance,
      actor,
      comment,
      at,
    })
    .execute();
}
