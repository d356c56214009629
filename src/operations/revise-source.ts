/**
 * A new source revision. Unchanged segments keep their text, state and version; changed
 * ones keep their text and become stale, their machine column emptied (its draft was of the
 * old source; a draft job fills it with one of the new source); new ones are untranslated.
 * Published editions are not touched: they stay live until new ones are published.
 */
import { DomainError } from '../errors.ts';
import { lockStatement } from '../store/queries/lock.ts';
import { revisionOf, statementBySlug } from '../store/queries/statements.ts';
import { insertSegmentRows, untranslatedRows } from '../store/queries/translations.ts';
import { isUniqueViolation, type Db } from '../store/store.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { isSegmentState, transition } from '../workflow/transitions.ts';
import { alignSegments } from './align-segments.ts';
import { appendHistories, historyRow, type SegmentRow } from './apply-segment-event.ts';
import { iso, type OperationContext } from './context.ts';
import { insertRevision, prepareSource, type SourceDocument } from './source-document.ts';

export interface ReviseSourceInput {
  slug: string;
  markdown: string;
  /** The revision the caller edited (If-Match). */
  expectedRevision: number;
}

export async function reviseSource(ctx: OperationContext, actor: Actor, input: ReviseSourceInput) {
  // Who may revise is known before the document work (checked again in the transaction).
  requireRole(actor, ['publisher'], (await statementBySlug(ctx.store.db, input.slug)).source_locale);
  const source = await prepareSource(ctx, input.markdown);
  try {
    return await ctx.store.transaction((trx) => revise(ctx, trx, actor, input, source));
  } catch (error) {
    // A revision of the same number that committed first ((statement, number) is unique, and so
    // are the segment rows' keys): the caller's base revision is no longer the current one.
    if (!isUniqueViolation(error)) throw error;
    const statement = await statementBySlug(ctx.store.db, input.slug);
    throw conflict(statement.current_revision, input.expectedRevision);
  }
}

function conflict(current: number, expected: number): DomainError {
  return new DomainError('revision_conflict', `The source is at revision ${current}, not ${expected}`, { revision: current });
}

async function revise(ctx: OperationContext, trx: Db, actor: Actor, input: ReviseSourceInput, source: SourceDocument) {
  // Revisions, publications and withdrawals of one statement queue on its row (PostgreSQL;
  // SQLite has one writer at a time): the second of two revisions at one base revision reads
  // the first one's number and is refused.
  const statement = await lockStatement(trx, ctx.store.dialect, input.slug);
  const at = iso(ctx);
  requireRole(actor, ['publisher'], statement.source_locale);
  if (statement.current_revision !== input.expectedRevision) throw conflict(statement.current_revision, input.expectedRevision);
  const previous = await revisionOf(trx, statement.id, statement.current_revision);
  if (previous.content_hash === source.hash) {
    return { revision: statement.current_revision, created: false, stale: 0 };
  }
  const number = statement.current_revision + 1;
  await insertRevision(trx, statement.id, number, input.markdown, source, actor.id, at);
  const alignment = alignSegments(previous.segmentList, source.segments);
  // Every locale's rows at the previous revision in one query; the new rows and their history
  // written in one statement per 500 rows.
  const previousRows = await trx
    .selectFrom('translation_segments')
    .innerJoin('translations', 'translations.id', 'translation_segments.translation_id')
    .selectAll('translation_segments')
    .where('translations.statement_id', '=', statement.id)
    .where('translation_segments.revision', '=', previous.number)
    .execute();
  const byTranslation = new Map<string, Map<string, SegmentRow>>();
  for (const { id } of await trx.selectFrom('translations').select('id').where('statement_id', '=', statement.id).execute()) byTranslation.set(id, new Map());
  for (const r of previousRows) byTranslation.get(r.translation_id)?.set(r.segment_id, r);
  const inserted: SegmentRow[] = [];
  const history: ReturnType<typeof historyRow>[] = [];
  let stale = 0;
  for (const [translationId, rows] of byTranslation) {
    const fresh: { id: string; position: number; text: string }[] = [];
    for (const [position, segment] of source.segments.entries()) {
      const kept = rows.get(alignment.unchanged.get(segment.id) ?? '');
      const old = rows.get(alignment.changed.get(segment.id) ?? '');
      if (kept) {
        inserted.push({ ...kept, revision: number, position });
      } else if (old && isSegmentState(old.state)) {
        const next = transition(old.state, 'source_changed');
        // The text stays (a person decides); the old machine draft was of the old source, so
        // the machine column is emptied for a draft of the new one.
        const row = { ...old, revision: number, segment_id: segment.id, position, state: next.ok ? next.state : old.state, machine_text: null, machine_provenance: null, version: old.version + 1, updated_by: actor.id, updated_at: at };
        inserted.push(row);
        history.push(historyRow(row, 'source_changed', actor.id, `was ${old.segment_id}`, at));
        if (row.state === 'stale') stale++;
      } else {
        fresh.push({ id: segment.id, position, text: segment.text });
      }
    }
    inserted.push(...untranslatedRows(translationId, number, fresh, at));
  }
  await insertSegmentRows(trx, inserted);
  await appendHistories(trx, history);
  await trx.updateTable('statements').set({ current_revision: number, updated_at: at }).where('id', '=', statement.id).execute();
  return { revision: number, created: true, stale };
}
