/**
 * A new source revision. Unchanged segments keep their text, state and version; changed
 * ones keep their text and become stale, their machine column emptied (its draft was of the
 * old source; a draft job fills it with one of the new source); new ones are untranslated.
 * Published editions are not touched: they stay live until new ones are published.
 */
import { DomainError } from '../errors.ts';
import { revisionOf, statementBySlug } from '../store/queries/statements.ts';
import { insertUntranslated, segmentRows } from '../store/queries/translations.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { isSegmentState, transition } from '../workflow/transitions.ts';
import { alignSegments } from './align-segments.ts';
import { appendHistory } from './apply-segment-event.ts';
import { iso, type OperationContext } from './context.ts';
import { insertRevision, prepareSource } from './source-document.ts';

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
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const statement = await statementBySlug(trx, input.slug);
    requireRole(actor, ['publisher'], statement.source_locale);
    if (statement.current_revision !== input.expectedRevision) {
      throw new DomainError('revision_conflict', `The source is at revision ${statement.current_revision}, not ${input.expectedRevision}`, {
        revision: statement.current_revision,
      });
    }
    const previous = await revisionOf(trx, statement.id, statement.current_revision);
    if (previous.content_hash === source.hash) {
      return { revision: statement.current_revision, created: false, stale: 0 };
    }
    const number = statement.current_revision + 1;
    await insertRevision(trx, statement.id, number, input.markdown, source, actor.id, at);
    const alignment = alignSegments(previous.segmentList, source.segments);
    const translations = await trx.selectFrom('translations').select('id').where('statement_id', '=', statement.id).execute();
    let stale = 0;
    for (const { id: translationId } of translations) {
      const rows = new Map((await segmentRows(trx, translationId, previous.number)).map((r) => [r.segment_id, r]));
      const fresh: { id: string; position: number }[] = [];
      for (const [position, segment] of source.segments.entries()) {
        const kept = rows.get(alignment.unchanged.get(segment.id) ?? '');
        const old = rows.get(alignment.changed.get(segment.id) ?? '');
        if (kept) {
          await trx.insertInto('translation_segments').values({ ...kept, revision: number, position }).execute();
        } else if (old && isSegmentState(old.state)) {
          const next = transition(old.state, 'source_changed');
          // The text stays (a person decides); the old machine draft was of the old source, so
          // the machine column is emptied for a draft of the new one.
          const row = { ...old, revision: number, segment_id: segment.id, position, state: next.ok ? next.state : old.state, machine_text: null, machine_provenance: null, version: old.version + 1, updated_by: actor.id, updated_at: at };
          await trx.insertInto('translation_segments').values(row).execute();
          await appendHistory(trx, row, 'source_changed', actor.id, `was ${old.segment_id}`, at);
          if (row.state === 'stale') stale++;
        } else {
          fresh.push({ id: segment.id, position });
        }
      }
      await insertUntranslated(trx, translationId, number, fresh, at);
    }
    await trx.updateTable('statements').set({ current_revision: number, updated_at: at }).where('id', '=', statement.id).execute();
    return { revision: number, created: true, stale };
  });
}
