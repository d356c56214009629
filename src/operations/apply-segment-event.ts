/**
 * One change to one segment, inside the caller's transaction: the transition table decides
 * the next state, the row is updated only at the version it was read at (optimistic
 * locking), and the change is appended to the segment's history.
 */
import { randomUUID } from 'node:crypto';
import type { Provenance } from '../mt/provider.ts';
import { DomainError } from '../errors.ts';
import { toJson } from '../store/json.ts';
import type { Insertable } from 'kysely';
import type { SegmentHistoryTable, TranslationSegmentsTable } from '../store/schema.ts';
import { segmentRowsOf, updateSegmentRows } from '../store/queries/translations.ts';
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

/**
 * Of the segments given (each with the version a caller read), those whose every change since
 * that version was a machine draft put beside the text (onlyDraftedSince), in one query per
 * 1,000 segments whatever their number.
 */
export async function onlyDraftedSinceAll(db: Db, reads: readonly { row: SegmentRow; version: number }[]): Promise<Set<string>> {
  const out = new Set<string>();
  const behind = reads.filter((r) => r.version < r.row.version);
  for (let i = 0; i < behind.length; i += 1000) {
    const chunk = behind.slice(i, i + 1000);
    const first = chunk[0]!.row;
    const since = await db
      .selectFrom('segment_history')
      .select(['segment_id', 'version', 'event', 'state'])
      .where('translation_id', '=', first.translation_id)
      .where('revision', '=', first.revision)
      .where('segment_id', 'in', chunk.map((r) => r.row.segment_id))
      .where('version', '>', Math.min(...chunk.map((r) => r.version)))
      .execute();
    for (const { row, version } of chunk) {
      if (row.translation_id !== first.translation_id || row.revision !== first.revision) throw new Error('onlyDraftedSinceAll: one translation and revision at a time');
      const mine = since.filter((h) => h.segment_id === row.segment_id && h.version > version && h.version <= row.version);
      if (mine.length === row.version - version && mine.every((h) => h.event === 'machine_draft' && isSegmentState(h.state) && machineDraftKeepsText(h.state))) out.add(row.segment_id);
    }
  }
  return out;
}

/** The row after a change: the transition table decides the state; a refused transition throws `transition_refused`. */
export function nextSegmentRow(row: SegmentRow, change: SegmentChange): SegmentRow {
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
  return updated;
}

export async function applySegmentEvent(db: Db, change: SegmentChange, read?: SegmentRow): Promise<SegmentRow> {
  const row = read ?? (await currentSegment(db, change.translationId, change.revision, change.segmentId));
  if (change.expectedVersion !== undefined && change.expectedVersion !== row.version && !(await onlyDraftedSince(db, row, change.expectedVersion))) throw conflict(row);
  const updated = nextSegmentRow(row, change);
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

/**
 * Several changes at once, each to a different segment of one translation and revision, as
 * read in the caller's transaction: the rule of applySegmentEvent (the transition table, the
 * update only at the version read, a history row per change), written in a few statements
 * whatever the number of segments (updateSegmentRows, appendHistories: a round trip each on
 * PostgreSQL). `expectedVersion` is the caller's to check before (onlyDraftedSinceAll).
 */
export async function applySegmentEvents(db: Db, changes: readonly { change: Omit<SegmentChange, 'expectedVersion'>; row: SegmentRow }[]): Promise<SegmentRow[]> {
  if (changes.length === 0) return [];
  if (new Set(changes.map((c) => c.row.segment_id)).size !== changes.length) throw new Error('applySegmentEvents: one change a segment');
  const updated = changes.map(({ change, row }) => nextSegmentRow(row, change));
  const written = await updateSegmentRows(db, updated);
  if (written !== updated.length) {
    // Some segment moved since it was read (the others were written: the transaction is rolled back): name the first.
    const now = new Map((await segmentRowsOf(db, updated[0]!.translation_id, updated[0]!.revision, changes.map((c) => c.row.segment_id))).map((r) => [r.segment_id, r]));
    const wrote = (u: SegmentRow, r: SegmentRow | undefined) => r !== undefined && r.version === u.version && r.state === u.state && r.text === u.text && r.machine_text === u.machine_text && r.updated_at === u.updated_at;
    const moved = updated.find((u) => !wrote(u, now.get(u.segment_id)));
    throw conflict(now.get(moved?.segment_id ?? '') ?? changes[0]!.row);
  }
  await appendHistories(db, changes.map(({ change }, i) => historyRow(updated[i]!, change.event, change.actor, change.comment ?? null, change.at)));
  return updated;
}

export async function appendHistory(db: Db, row: SegmentRow, event: string, actor: string | null, comment: string | null, at: string): Promise<void> {
  await db.insertInto('segment_history').values(historyRow(row, event, actor, comment, at)).execute();
}

/** Several history rows in one statement per 500 (13 columns a row). */
export async function appendHistories(db: Db, rows: readonly Insertable<SegmentHistoryTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('segment_history').values(rows.slice(i, i + 500)).execute();
}

/** The history row of a segment's change (the row as it is after the change). */
export function historyRow(row: SegmentRow, event: string, actor: string | null, comment: string | null, at: string): Insertable<SegmentHistoryTable> {
  return {
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
  };
}
