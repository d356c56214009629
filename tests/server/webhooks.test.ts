/**
 * Webhooks on publish, correction and withdrawal, against receivers on 127.0.0.1 (allowed by
 * EDITIONS_WEBHOOK_ALLOW_HOSTS; tests/server/webhook-targets.test.ts has the refusals): every
 * delivery verified with the `standardwebhooks` library; a flaky receiver sees the retries;
 * a receiver that never answers 2xx ends as a failed delivery in the log; an embargoed
 * edition is announced by the running service when it becomes visible. What the worker
 * chooses not to send (before an embargo's end, a withdrawn edition's) is shown on an injected
 * clock by DeliveryWorker.runDue in tests/webhooks/outbox.test.ts, not by waiting here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'hooks-admin-token-0123456789abcdef';
let server: RunningServer;
let dir: string;

interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** A receiver that answers each request with the next status of `script` (the last repeats). */
async function receiver(script: number[]) {
  const received: Received[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body, at: Date.now() });
      res.writeHead(script[Math.min(received.length - 1, script.length - 1)]!);
      res.end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(typeof body === 'string' ? { 'content-type': 'text/markdown' } : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deliveriesOf = async (id: string) => (await call('GET', `/api/webhooks/${id}/deliveries`)).body.deliveries as Record<string, any>[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-hooks-'));
  server = await startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_WEBHOOK_RETRY_MS: '100,200,300', EDITIONS_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('webhooks', () => {
  it('signs every delivery, retries a flaky receiver with backoff, logs a receiver that always fails', async () => {
    const flaky = await receiver([500, 503, 200]);
    const broken = await receiver([500]);
    try {
      const a = (await call('POST', '/api/webhooks', { url: flaky.url })).body;
      const b = (await call('POST', '/api/webhooks', { url: broken.url, events: ['edition.published'] })).body;
      expect(a.secret).toMatch(/^whsec_/);
      expect(a.events).toEqual(['edition.published', 'edition.corrected', 'edition.withdrawn']);
      expect((await call('GET', '/api/webhooks')).body.webhooks.map((w: { id: string }) => w.id)).toEqual([a.id, b.id]);

      expect((await call('POST', '/api/statements', { slug: 'hooked', sourceLocale: 'en', markdown: '# Hooked\n\nFirst text.\n' })).status).toBe(201);
      const published = (await call('POST', '/api/statements/hooked/editions', { locales: ['en'] })).body.editions[0];

      const [delivered] = await until(async () => {
        const d = await deliveriesOf(a.id);
        return d[0]?.status === 'delivered' ? d : undefined;
      });
      expect(delivered).toMatchObject({ event: 'edition.published', attempts: 3, lastStatus: 200, lastError: null });
      expect(flaky.received).toHaveLength(3);
      // One message, three attempts: same id and body each time, each signature valid.
      const hook = new Webhook(a.secret);
      for (const r of flaky.received) {
        expect(r.headers['webhook-id']).toBe(delivered!.id);
        const payload = hook.verify(r.body, r.headers) as Record<string, any>;
        expect(payload).toMatchObject({ type: 'edition.published', data: { slug: 'hooked', locale: 'en', editionId: published.id, hash: published.hash, path: '/published/hooked/en' } });
      }
      expect(() => new Webhook(b.secret).verify(flaky.received[0]!.body, flaky.received[0]!.headers)).toThrow();
      const tampered = { ...flaky.received[0]!.headers };
      expect(() => hook.verify(flaky.received[0]!.body.replace('hooked', 'hacked'), tampered)).toThrow();
      // Backoff: the waits grow (100 ms, then 200 ms).
      const gaps = [flaky.received[1]!.at - flaky.received[0]!.at, flaky.received[2]!.at - flaky.received[1]!.at];
      expect(gaps[0]).toBeGreaterThanOrEqual(90);
      expect(gaps[1]).toBeGreaterThanOrEqual(190);

      const [failed] = await until(async () => {
        const d = await deliveriesOf(b.id);
        return d[0]?.status === 'failed' ? d : undefined;
      });
      expect(failed).toMatchObject({ event: 'edition.published', attempts: 4, lastStatus: 500, lastError: 'HTTP 500', nextAttemptAt: null });
      expect(broken.received).toHaveLength(4);

      // A correction: the source changes and is published again; then a withdrawal.
      expect((await call('PUT', '/api/statements/hooked/source', '# Hooked\n\nCorrected text.\n', { 'if-match': '"1"' })).status).toBe(200);
      const corrected = (await call('POST', '/api/statements/hooked/editions', { locales: ['en'], correctionNote: 'Fixed the second sentence.' })).body.editions[0];
      expect(corrected.correction).toMatchObject({ supersedes: published.id, note: 'Fixed the second sentence.', changedSegments: 1, changes: [{ before: 'First text.', after: 'Corrected text.' }] });
      // Announced before the withdrawal (a withdrawal cancels announcements not yet sent).
      await until(async () => ((await deliveriesOf(a.id)).some((d) => d.event === 'edition.corrected' && d.status === 'delivered') ? true : undefined));
      expect((await call('POST', `/api/statements/hooked/editions/${corrected.id}/withdraw`, { reason: 'Wrong day' })).status).toBe(200);
      const events = await until(async () => {
        const d = await deliveriesOf(a.id);
        return d.length === 3 && d.every((x) => x.status === 'delivered') ? d : undefined;
      });
      expect(events.map((d) => d.event).sort()).toEqual(['edition.corrected', 'edition.published', 'edition.withdrawn']);
      expect(events.find((d) => d.event === 'edition.corrected')!.payload.data.correction).toMatchObject({ supersedes: published.id });
      expect(events.find((d) => d.event === 'edition.withdrawn')!.payload.data.withdrawal).toMatchObject({ reason: 'Wrong day' });
      // The broken receiver subscribed to publications only.
      expect((await deliveriesOf(b.id)).map((d) => d.event)).toEqual(['edition.published']);
    } finally {
      await flaky.close();
      await broken.close();
    }
  });

  it('announces an embargoed edition when it becomes visible, not before', async () => {
    const ok = await receiver([204]);
    try {
      const hook = (await call('POST', '/api/webhooks', { url: ok.url, events: ['edition.published'] })).body;
      await call('POST', '/api/statements', { slug: 'later', sourceLocale: 'en', markdown: '# Later\n' });
      const embargo = new Date(Date.now() + 1500).toISOString();
      const edition = (await call('POST', '/api/statements/later/editions', { locales: ['en'], embargoUntil: embargo })).body.editions[0];
      // Held (the worker's choice not to send before the embargo, on an injected clock: tests/webhooks/outbox.test.ts).
      const [d] = await deliveriesOf(hook.id);
      expect(d).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: edition.visibleFrom });
      await until(async () => (ok.received.length > 0 ? true : undefined));
      expect(ok.received[0]!.at).toBeGreaterThanOrEqual(Date.parse(embargo));
      expect(JSON.parse(ok.received[0]!.body)).toMatchObject({ type: 'edition.published', data: { slug: 'later', visibleFrom: edition.visibleFrom } });
    } finally {
      await ok.close();
    }
  });

  it('refuses bad subscriptions and hides webhooks from non-admins', async () => {
    expect((await call('POST', '/api/webhooks', { url: 'ftp://example.org/x' })).body.error).toMatchObject({ code: 'webhook_target_refused', details: { field: 'url', reason: 'scheme' } });
    expect((await call('POST', '/api/webhooks', { url: 'not a url' })).body.error).toMatchObject({ code: 'validation_failed', details: { field: 'url' } });
    expect((await call('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/x', events: ['edition.eaten'] })).status).toBe(400);
    expect((await call('GET', '/api/webhooks/nope/deliveries')).body.error.code).toBe('webhook_not_found');
  });
});
