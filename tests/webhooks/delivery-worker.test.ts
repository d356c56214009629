/**
 * DeliveryWorker.runDue on the context's clock (w.at; no sleeps), against a receiver on
 * 127.0.0.1: what it chooses not to send (an embargoed edition before its time, a withdrawn
 * one ever) is shown beside what it does send in the same run, so a worker that never ran (or
 * sent nothing at all) fails these tests, and no test waits to see that "nothing arrived".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { createWebhook, listDeliveries } from '../../src/operations/webhooks.ts';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.ts';
import { WebhookTargetPolicy } from '../../src/webhooks/target-policy.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld, type World } from '../support/world.ts';

const allow = ['127.0.0.1'];

/** A receiver that answers 204 and keeps the slug of each publication it was told of. */
async function receiver() {
  const slugs: string[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      slugs.push((JSON.parse(body) as { data: { slug: string } }).data.slug);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`, slugs, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

async function published(w: World, slug: string, embargoUntil?: string) {
  await createStatement(w.ctx, w.admin, { slug, sourceLocale: 'en', markdown: `# ${slug}\n\nText.\n` });
  return (await publish(w.ctx, w.admin, { slug, locales: ['en'], ...(embargoUntil ? { embargoUntil } : {}) })).editions[0]!;
}

describe.each(dialects)('DeliveryWorker.runDue on an injected clock ($name)', (dialect) => {
  const world = useWorld(dialect);
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeEach(async () => {
    rx = await receiver();
  });
  afterEach(async () => {
    await rx.close();
  });

  it('sends what is due and holds an embargoed edition’s announcement until the embargo’s instant', async () => {
    const w = world();
    const hook = await createWebhook(w.ctx, w.admin, { url: rx.url, events: ['edition.published'] }, new WebhookTargetPolicy(allow));
    const embargo = '2026-05-01T09:30:00.000Z';
    await published(w, 'later', embargo);
    await published(w, 'now');
    const worker = new DeliveryWorker(w.ctx, { retryMs: [1000], timeoutMs: 5000, allowHosts: allow });
    // One run: the due one sent, the embargoed one left as it was.
    expect(await worker.runDue()).toBe(1);
    expect(rx.slugs).toEqual(['now']);
    const held = (await listDeliveries(w.ctx, w.admin, hook.id)).find((d) => (d.payload as { data: { slug: string } }).data.slug === 'later');
    expect(held).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: embargo });
    w.at('2026-05-01T09:29:59.999Z');
    expect(await worker.runDue()).toBe(0);
    expect(rx.slugs).toEqual(['now']);
    w.at(embargo);
    expect(await worker.runDue()).toBe(1);
    expect(rx.slugs).toEqual(['now', 'later']);
  });

  it('never announces an embargoed edition withdrawn before its time, past the embargo too', async () => {
    const w = world();
    const hook = await createWebhook(w.ctx, w.admin, { url: rx.url }, new WebhookTargetPolicy(allow));
    const embargo = '2026-05-01T09:30:00.000Z';
    const never = await published(w, 'never', embargo);
    await published(w, 'kept', embargo);
    expect((await withdrawEdition(w.ctx, w.admin, { slug: 'never', editionId: never.id, reason: 'Called off' })).cancelledDeliveries).toBe(1);
    const worker = new DeliveryWorker(w.ctx, { retryMs: [1000], timeoutMs: 5000, allowHosts: allow });
    w.at('2026-05-01T10:30:00.000Z');
    // The run sends the other embargoed edition (so it ran) and not the withdrawn one.
    expect(await worker.runDue()).toBe(1);
    expect(await worker.runDue()).toBe(0);
    expect(rx.slugs).toEqual(['kept']);
    const bySlug = Object.fromEntries((await listDeliveries(w.ctx, w.admin, hook.id)).filter((d) => d.event === 'edition.published').map((d) => [(d.payload as { data: { slug: string } }).data.slug, [d.status, d.attempts]]));
    expect(bySlug).toEqual({ never: ['cancelled', 0], kept: ['delivered', 1] });
  });
});
