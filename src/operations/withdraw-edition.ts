/**
 * Withdraws a published edition (recorded, never deleted). The locale's previous edition,
 * if any and not withdrawn, is live again. A correction is not a withdrawal: it is a new
 * publication, which supersedes the live edition when it becomes visible.
 */
import { DomainError } from '../errors.ts';
import { lockStatement } from '../store/queries/lock.ts';
import { isUniqueViolation, type Db } from '../store/store.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { cancelPendingDeliveries, enqueueEvent } from '../webhooks/enqueue.ts';
import { announceChange } from '../store/change-feed.ts';
import { iso, type OperationContext } from './context.ts';

export async function withdrawEdition(ctx: OperationContext, actor: Actor, input: { slug: string; editionId: string; reason: string }) {
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    throw new DomainError('validation_failed', 'A withdrawal needs a reason', { field: 'reason', problem: 'required' });
  }
  const withdrawn = (editionId: string) => new DomainError('edition_withdrawn', `Edition ${editionId} was withdrawn already`, { editionId });
  try {
    return await ctx.store.transaction(async (trx) => withdrawIn(ctx, trx, actor, input, withdrawn));
  } catch (error) {
    // A withdrawal of the same edition that committed first (the withdrawal's key is the edition's id).
    if (isUniqueViolation(error)) throw withdrawn(input.editionId);
    throw error;
  }
}

async function withdrawIn(ctx: OperationContext, trx: Db, actor: Actor, input: { slug: string; editionId: string; reason: string }, withdrawn: (id: string) => DomainError) {
  // Withdrawals and publications of one statement queue on its row (as in publish.ts); the
  // time is read once the lock is held.
  const statement = await lockStatement(trx, ctx.store.dialect, input.slug);
  const at = iso(ctx);
  const edition = await trx.selectFrom('editions').selectAll().where('id', '=', input.editionId).where('statement_id', '=', statement.id).executeTakeFirst();
  if (!edition) throw new DomainError('edition_not_found', `No edition ${input.editionId} of ${input.slug}`, { editionId: input.editionId });
  requireRole(actor, ['publisher'], edition.locale);
  const already = await trx.selectFrom('edition_withdrawals').select('at').where('edition_id', '=', edition.id).executeTakeFirst();
  if (already) throw withdrawn(edition.id);
  await trx.insertInto('edition_withdrawals').values({ edition_id: edition.id, reason: input.reason.trim(), withdrawn_by: actor.id, at }).execute();
  await announceChange(ctx.store, trx, { kind: 'editions', slug: statement.slug }); // every instance, once this commits
  // Under embargo, readers never saw it: nothing to announce, and its announcements are cancelled.
  // Once visible, its announcement stands (receivers may already have it): the withdrawal follows it.
  if (edition.visible_from > at) {
    const cancelled = await cancelPendingDeliveries(trx, edition.id);
    return { editionId: edition.id, withdrawnAt: at, cancelledDeliveries: cancelled };
  }
  await enqueueEvent(trx, 'edition.withdrawn', {
    slug: statement.slug, locale: edition.locale, editionId: edition.id, hash: edition.hash, sourceRevision: edition.source_revision,
    publishedAt: edition.published_at, visibleFrom: edition.visible_from, path: `/published/${statement.slug}/${edition.locale}`,
    withdrawal: { reason: input.reason.trim(), at },
  }, at);
  return { editionId: edition.id, withdrawnAt: at, cancelledDeliveries: 0 };
}
