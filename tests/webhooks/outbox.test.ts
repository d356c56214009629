/**
 * The webhook outbox on every storage dialect: deliveries written with the publication (one
 * per subscribed, enabled webhook; held until an embargo ends; cancelled by a withdrawal under
 * embargo), and the delivery worker's lease: two workers at once send each delivery once, a
 * failed attempt is retried on schedule, and a lease left by a dead instance is taken over
 * once it has expired. A receiver on 127.0.0.1 (allowed explicitly by the target policy).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { createWebhook, listDeliveries, listWebhooks } from '../../src/operations/webhooks.ts';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.ts';
import { WebhookTargetPolicy } from '../../src/webhooks/target-policy.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld, type World } from '../support/world.ts';

const allow = ['127.0.0.1'];

/** Answers each request with the next status of `statuses` (then 204), keeping the webhook-ids. */
async function receiver(statuses: number[] = []) {
  const ids: string[] = [];
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      ids.push(String(req.headers['webhook-id']));
      res.writeHead(statuses.shift() ?? 204).end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`, ids, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

async function statement(w: World, slug: string) {
  await createStatement(w.ctx, w.admin, { slug, sourceLocale: 'en', markdown: `# ${slug}\n\nText.\n` });
}

describe.each(dialects)('webhook outbox ($name)', (dialect) => {
  const world = useWorld(dialect);
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeEach(async () => {
    rx = await receiver();
  });
  afterEach(async () => {
    await rx.close();
  });

  it('writes one delivery per enabled webhook subscribed to the event, with the publication', async () => {
    const w = world();
    const policy = new WebhookTargetPolicy(allow);
    const published = await createWebhook(w.ctx, w.admin, { url: rx.url, events: ['edition.published'] }, policy);
    const withdrawn = await createWebhook(w.ctx, w.admin, { url: `${rx.url}/w`, events: ['edition.withdrawn'] }, policy);
    const disabled = await createWebhook(w.ctx, w.admin, { url: `${rx.url}/off`, events: ['edition.published'] }, policy);
    await w.ctx.store.db.updateTable('webhooks').set({ disabled_at: w.ctx.now().toISOString() }).where('id', '=', disabled.id).execute();
    await expect(createWebhook(w.ctx, w.publisher, { url: rx.url }, policy)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listWebhooks(w.ctx, w.admin)).map((h) => h.id).sort()).toEqual([published.id, withdrawn.id, disabled.id].sort());

    await statement(w, 'hooked');
    const { editions: [edition] } = await publish(w.ctx, w.admin, { slug: 'hooked', locales: ['en'] });
    const [d] = await listDeliveries(w.ctx, w.admin, published.id);
    expect(d).toMatchObject({ event: 'edition.published', status: 'pending', attempts: 0, nextAttemptAt: w.ctx.now().toISOString() });
    expect(d!.payload).toMatchObject({ type: 'edition.published', data: { slug: 'hooked', locale: 'en', editionId: edition!.id } });
    expect(await listDeliveries(w.ctx, w.admin, withdrawn.id)).toEqual([]);
    expect(await listDeliveries(w.ctx, w.admin, disabled.id)).toEqual([]);
    await expect(listDeliveries(w.ctx, w.admin, 'nope')).rejects.toMatchObject({ code: 'webhook_not_found' });

    w.at('2026-05-01T10:00:00.000Z');
    await withdrawEdition(w.ctx, w.admin, { slug: 'hooked', editionId: edition!.id, reason: 'Mistake' });
    expect(await listDeliveries(w.ctx, w.admin, withdrawn.id)).toEqual([
      expect.objectContaining({ event: 'edition.withdrawn', status: 'pending', payload: expect.objectContaining({ data: expect.objectContaining({ withdrawal: { reason: 'Mistake', at: '2026-05-01T10:00:00.000Z' } }) }) }),
    ]);
  });

  it('holds an embargoed edition’s delivery until the embargo ends, and cancels it on withdrawal', async () => {
    const w = world();
    const hook = await createWebhook(w.ctx, w.admin, { url: rx.url }, new WebhookTargetPolicy(allow));
    await statement(w, 'held');
    await statement(w, 'cancelled');
    const embargo = '2026-05-02T08:00:00.000Z';
    await publish(w.ctx, w.admin, { slug: 'held', locales: ['en'], embargoUntil: embargo });
    const { editions: [cancelled] } = await publish(w.ctx, w.admin, { slug: 'cancelled', locales: ['en'], embargoUntil: embargo });
    const result = await withdrawEdition(w.ctx, w.admin, { slug: 'cancelled', editionId: cancelled!.id, reason: 'Called off' });
    expect(result.cancelledDeliveries).toBe(1);
    const worker = new DeliveryWorker(w.ctx, { retryMs: [1000], timeoutMs: 5000, allowHosts: allow });
    expect(await worker.runDue()).toBe(0);
    w.at(embargo);
    expect(await worker.runDue()).toBe(1);
    const byStatus = Object.fromEntries((await listDeliveries(w.ctx, w.admin, hook.id)).map((d) => [(d.payload as { data: { slug: string } }).data.slug, d.status]));
    expect(byStatus).toEqual({ held: 'delivered', cancelled: 'cancelled' });
    expect(rx.ids).toHaveLength(1);
  });

  it('two workers at once send each delivery once', async () => {
    const w = world();
    const hook = await createWebhook(w.ctx, w.admin, { url: rx.url }, new WebhookTargetPolicy(allow));
    for (let i = 0; i < 6; i++) {
      await statement(w, `s-${i}`);
      await publish(w.ctx, w.admin, { slug: `s-${i}`, locales: ['en'] });
    }
    const a = new DeliveryWorker(w.ctx, { retryMs: [1000], timeoutMs: 5000, allowHosts: allow });
    const b = new DeliveryWorker(w.ctx, { retryMs: [1000], timeoutMs: 5000, allowHosts: allow });
    const [sentByA, sentByB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(sentByA + sentByB).toBe(6);
    expect(new Set(rx.ids).size).toBe(6);
    expect(rx.ids).toHaveLength(6);
    const deliveries = await listDeliveries(w.ctx, w.admin, hook.id);
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual(Array.from({ length: 6 }, () => ['delivered', 1]));
  });

  it('retries a failed attempt on schedule, then fails it', async () => {
    const w = world();
    await rx.close();
    rx = await receiver([500, 503, 500]);
    const hook = await createWebhook(w.ctx, w.admin, { url: rx.url }, new WebhookTargetPolicy(allow));
    await statement(w, 'flaky');
    await publish(w.ctx, w.admin, { slug: 'flaky', locales: ['en'] });
    const worker = new DeliveryWorker(w.ctx, { retryMs: [60_000, 120_000], timeoutMs: 5000, allowHosts: allow });
    expect(await worker.runDue()).toBe(1);
    let [d] = await listDeliveries(w.ctx, w.admin, hook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500', nextAttemptAt: '2026-05-01T09:01:00.000Z' });
    w.at('2026-05-01T09:00:59.999Z');
    expect(await worker.runDue()).toBe(0);
    w.at('2026-05-01T09:01:00.000Z');
    expect(await worker.runDue()).toBe(1);
    w.at('2026-05-01T09:03:00.000Z');
    expect(await worker.runDue()).toBe(1);
    [d] = await listDeliveries(w.ctx, w.admin, hook.id);
    expect(d).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500, nextAttemptAt: null });
    expect(new Set(rx.ids)).toEqual(new Set([d!.id]));
  });

  it('takes over a delivery whose lease a dead instance left, once the lease has expired', async () => {
    const w = world();
    const hook = await createWebhook(w.ctx, w.admin, { url: rx.url }, new WebhookTargetPolicy(allow));
    await statement(w, 'orphan');
    await publish(w.ctx, w.admin, { slug: 'orphan', locales: ['en'] });
    // Another instance claimed it (as the worker does: the lease is its next attempt time) and died.
    const lease = '2026-05-01T09:00:15.000Z';
    await w.ctx.store.db.updateTable('webhook_deliveries').set({ next_attempt_at: lease }).where('webhook_id', '=', hook.id).execute();
    const worker = new DeliveryWorker(w.ctx, { retryMs: [1000], timeoutMs: 5000, allowHosts: allow });
    expect(await worker.runDue()).toBe(0);
    w.at(lease);
    expect(await worker.runDue()).toBe(1);
    expect((await listDeliveries(w.ctx, w.admin, hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(rx.ids).toHaveLength(1);
  });
});
