/**
 * The outbox: an event becomes one pending delivery per subscribed webhook, written in the
 * caller's transaction, so a publication and its notifications are stored together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { readJson } from '../store/json-columns.ts';
import type { Db } from '../store/store.ts';
import type { EditionEventData, WebhookEvent, WebhookPayload } from './events.ts';

export async function enqueueEvent(db: Db, type: WebhookEvent, data: EditionEventData, at: string, sendAt: string = at): Promise<number> {
  const hooks = await db.selectFrom('webhooks').select(['id', 'events']).where('disabled_at', 'is', null).execute();
  const subscribed = hooks.filter((h) => readJson('webhooks.events', h.events).includes(type));
  if (subscribed.length === 0) return 0;
  const payload: WebhookPayload = { type, timestamp: sendAt, data };
  const body = JSON.stringify(payload);
  await db
    .insertInto('webhook_deliveries')
    .values(subscribed.map((h) => ({
      id: `msg_${randomUUID().replaceAll('-', '')}`,
      webhook_id: h.id,
      edition_id: data.editionId,
      event: type,
      payload: body,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: sendAt,
      created_at: at,
    })))
    .execute();
  return subscribed.length;
}

/** An edition withdrawn before its deliveries were sent (under embargo): they are cancelled, not sent. */
export async function cancelPendingDeliveries(db: Db, editionId: string): Promise<number> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'cancelled', next_attempt_at: null })
    .where('edition_id', '=', editionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
