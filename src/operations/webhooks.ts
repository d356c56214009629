/** Webhook subscriptions (admins) and their delivery log. */
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { toJson } from '../store/json.ts';
import { readJson } from '../store/json-columns.ts';
import { webhookEvents, type WebhookEvent } from '../webhooks/events.ts';
import { WebhookTargetPolicy } from '../webhooks/target-policy.ts';
import { requireAdmin, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';

export interface WebhookInput {
  url: string;
  events?: readonly string[];
}

/**
 * `policy`: where webhooks may point (src/webhooks/target-policy.ts; by default public
 * addresses only, EDITIONS_WEBHOOK_ALLOW_HOSTS adds exceptions). Checked again at delivery.
 */
export async function createWebhook(ctx: OperationContext, actor: Actor, input: WebhookInput, policy: WebhookTargetPolicy = new WebhookTargetPolicy()) {
  requireAdmin(actor);
  const url = policy.checkUrl(input.url);
  const events = [...new Set(input.events ?? webhookEvents)];
  const unknown = events.filter((e) => !(webhookEvents as readonly string[]).includes(e));
  if (unknown.length > 0 || events.length === 0) {
    throw new DomainError('validation_failed', `Unknown events: ${unknown.join(', ')}`, { field: 'events', problem: `one or more of ${webhookEvents.join(', ')}` });
  }
  const row = {
    id: randomUUID(),
    url: url.toString(),
    secret: `whsec_${randomBytes(32).toString('base64')}`,
    events: toJson(events),
    created_by: actor.id,
    created_at: iso(ctx),
  };
  await ctx.store.transaction((trx) => trx.insertInto('webhooks').values(row).execute());
  return { id: row.id, url: row.url, events: events as WebhookEvent[], secret: row.secret, createdAt: row.created_at };
}

export async function listWebhooks(ctx: OperationContext, actor: Actor) {
  requireAdmin(actor);
  const rows = await ctx.store.db.selectFrom('webhooks').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, url: r.url, events: readJson('webhooks.events', r.events).filter(isWebhookEvent), createdAt: r.created_at, disabledAt: r.disabled_at }));
}

export async function listDeliveries(ctx: OperationContext, actor: Actor, webhookId: string, limit = 100) {
  requireAdmin(actor);
  const hook = await ctx.store.db.selectFrom('webhooks').select('id').where('id', '=', webhookId).executeTakeFirst();
  if (!hook) throw new DomainError('webhook_not_found', `No webhook ${webhookId}`, { webhookId });
  const rows = await ctx.store.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    event: r.event as WebhookEvent,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    payload: JSON.parse(r.payload) as unknown,
  }));
}

function isWebhookEvent(event: string): event is WebhookEvent {
  return (webhookEvents as readonly string[]).includes(event);
}
