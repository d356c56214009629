/**
 * Where webhooks may point. Over HTTP: the service refuses, at registration, non-http(s)
 * schemes, credentials, local names and loopback/private/link-local/metadata/… addresses in
 * every spelling, and takes what EDITIONS_WEBHOOK_ALLOW_HOSTS allows. At delivery (the worker
 * on a real SQLite file, a receiver on 127.0.0.1, the name resolution injected): a public
 * looking name that resolves to 127.0.0.1 is refused before anything is sent, the delivery
 * fails at once with the reason in its log; allowed, the request goes to the address that
 * was checked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { createWebhook, listDeliveries } from '../../src/operations/webhooks.ts';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.ts';
import { WebhookTargetPolicy, type Resolve } from '../../src/webhooks/target-policy.ts';
import { dialects } from '../support/dialects.ts';
import { useService } from '../support/use-service.ts';
import { useWorld } from '../support/world.ts';

const admin = 'targets-admin-token-0123456789abcdef';
const service = useService({ admin, env: { EDITIONS_WEBHOOK_ALLOW_HOSTS: '10.1.2.0/24, receiver.internal' } });

async function register(url: string) {
  const res = await fetch(`${service.url}/api/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}


describe('webhook targets at registration', () => {
  const refused: [string, string, string | undefined][] = [
    // url, reason, range
    ['ftp://example.org/x', 'scheme', undefined],
    ['file:///etc/passwd', 'scheme', undefined],
    ['https://user:secret@hooks.example.org/x', 'credentials', undefined],
    ['https://token@hooks.example.org/x', 'credentials', undefined],
    ['http://127.0.0.1/x', 'address', 'loopback'],
    ['http://0x7f000001/x', 'address', 'loopback'],
    ['http://2130706433/x', 'address', 'loopback'],
    ['http://127.1/x', 'address', 'loopback'],
    ['http://0177.0.0.1/x', 'address', 'loopback'],
    ['http://127.0.0.1.:8080/x', 'address', 'loopback'],
    ['http://[::1]/x', 'address', 'loopback'],
    ['http://[::ffff:127.0.0.1]/x', 'address', 'loopback'],
    ['http://[::ffff:7f00:1]/x', 'address', 'loopback'],
    ['http://[::127.0.0.1]/x', 'address', 'ipv4Compatible'],
    ['http://0.0.0.0/x', 'address', 'unspecified'],
    ['http://[::]/x', 'address', 'unspecified'],
    ['http://169.254.169.254/latest/meta-data/', 'address', 'linkLocal'],
    ['http://[fe80::1]/x', 'address', 'linkLocal'],
    ['http://[fd00::1]/x', 'address', 'uniqueLocal'],
    ['http://[fd00:ec2::254]/x', 'address', 'uniqueLocal'],
    ['http://10.0.0.1/x', 'address', 'private'],
    ['http://10.1.3.1/x', 'address', 'private'],
    ['http://172.16.5.4/x', 'address', 'private'],
    ['http://192.168.1.1/x', 'address', 'private'],
    ['http://100.100.100.200/x', 'address', 'carrierGradeNat'],
    ['http://224.0.0.1/x', 'address', 'multicast'],
    ['http://[ff02::1]/x', 'address', 'multicast'],
    ['http://255.255.255.255/x', 'address', 'broadcast'],
    ['http://192.0.0.192/x', 'address', 'reserved'],
    ['http://[64:ff9b::7f00:1]/x', 'address', 'rfc6052'],
    ['http://localhost:8080/x', 'local_name', undefined],
    ['http://LOCALHOST./x', 'local_name', undefined],
    ['http://api.localhost/x', 'local_name', undefined],
    ['http://metadata.google.internal/computeMetadata/v1/', 'local_name', undefined],
    ['http://printer.local/x', 'local_name', undefined],
    ['http://metadata/x', 'local_name', undefined],
  ];

  it.each(refused)('refuses %s (%s)', async (url, reason, range) => {
    const { status, body } = await register(url);
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'webhook_target_refused', details: { field: 'url', reason, ...(range ? { range } : {}) } });
    expect(JSON.stringify(body)).not.toContain('secret@');
  });

  it('accepts public targets and those EDITIONS_WEBHOOK_ALLOW_HOSTS allows, and stores nothing it refused', async () => {
    for (const url of ['https://hooks.example.org/editions', 'http://93.184.216.34:8080/x', 'http://[2606:4700::1111]/x', 'http://10.1.2.3/x', 'http://receiver.internal:9000/x', 'http://[::ffff:10.1.2.9]/x']) {
      const { status, body } = await register(url);
      expect(status, `${url}: ${JSON.stringify(body)}`).toBe(201);
    }
    const list = await fetch(`${service.url}/api/webhooks`, { headers: { authorization: `Bearer ${admin}` } });
    const urls = ((await list.json()) as { webhooks: { url: string }[] }).webhooks.map((w) => w.url);
    expect(urls).toEqual(['https://hooks.example.org/editions', 'http://93.184.216.34:8080/x', 'http://[2606:4700::1111]/x', 'http://10.1.2.3/x', 'http://receiver.internal:9000/x', 'http://[::ffff:a01:209]/x']);
  });

  it('refuses a bad EDITIONS_WEBHOOK_ALLOW_HOSTS at start', () => {
    expect(() => new WebhookTargetPolicy(['10.0.0.0/99'])).toThrow(/EDITIONS_WEBHOOK_ALLOW_HOSTS/);
    expect(() => new WebhookTargetPolicy(['http://x'])).toThrow(/EDITIONS_WEBHOOK_ALLOW_HOSTS/);
  });
});

/** A receiver on 127.0.0.1 that answers 204 and keeps what it was sent. */
async function receiver() {
  const received: { host: string | undefined; body: string }[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ host: req.headers.host, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { port: (srv.address() as AddressInfo).port, received, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

describe.each(dialects)('webhook targets at delivery ($name)', (dialect) => {
  const world = useWorld(dialect);
  /** hooks.example.org looks public, but resolves to 127.0.0.1 (a rebinding name, say). */
  const resolve: Resolve = async (host) => {
    if (host === 'hooks.example.org') return [{ address: '127.0.0.1', family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };

  async function publishedWith(url: string, policy = new WebhookTargetPolicy()) {
    const w = world();
    const hook = await createWebhook(w.ctx, w.admin, { url, events: ['edition.published'] }, policy);
    await createStatement(w.ctx, w.admin, { slug: 'hooked', sourceLocale: 'en', markdown: '# Hooked\n' });
    await publish(w.ctx, w.admin, { slug: 'hooked', locales: ['en'] });
    return hook;
  }

  it('refuses a name that resolves to a loopback address: nothing sent, failed at once with the reason', async () => {
    const rx = await receiver();
    try {
      const hook = await publishedWith(`http://hooks.example.org:${rx.port}/hook`);
      const worker = new DeliveryWorker(world().ctx, { retryMs: [10, 10, 10], timeoutMs: 5000, resolve });
      const attempts: { refused: boolean }[] = [];
      worker.on('attempt', (a: { refused: boolean }) => attempts.push(a));
      expect(await worker.runDue()).toBe(1);
      expect(attempts).toEqual([expect.objectContaining({ refused: true, delivered: false })]);
      const [d] = await listDeliveries(world().ctx, world().admin, hook.id);
      expect(d).toMatchObject({ status: 'failed', attempts: 1, lastStatus: null, nextAttemptAt: null });
      expect(d!.lastError).toMatch(/^target refused: hooks\.example\.org resolves to 127\.0\.0\.1 is a loopback address/);
      expect(rx.received).toEqual([]);
      expect(await worker.runDue()).toBe(0); // not retried
    } finally {
      await rx.close();
    }
  });

  it('refuses at delivery an address registered before the policy (or allowed then, not now)', async () => {
    const rx = await receiver();
    try {
      const hook = await publishedWith(`http://127.0.0.1:${rx.port}/hook`, new WebhookTargetPolicy(['127.0.0.1']));
      const worker = new DeliveryWorker(world().ctx, { retryMs: [10], timeoutMs: 5000, resolve });
      expect(await worker.runDue()).toBe(1);
      const [d] = await listDeliveries(world().ctx, world().admin, hook.id);
      expect(d).toMatchObject({ status: 'failed', attempts: 1, lastError: 'target refused: 127.0.0.1 is a loopback address' });
      expect(rx.received).toEqual([]);
    } finally {
      await rx.close();
    }
  });

  it('allowed, delivers to the very address that was resolved and checked', async () => {
    const rx = await receiver();
    try {
      const hook = await publishedWith(`http://hooks.example.org:${rx.port}/hook`);
      const worker = new DeliveryWorker(world().ctx, { retryMs: [10], timeoutMs: 5000, resolve, allowHosts: ['127.0.0.0/8'] });
      expect(await worker.runDue()).toBe(1);
      const [d] = await listDeliveries(world().ctx, world().admin, hook.id);
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204, lastError: null });
      expect(rx.received).toHaveLength(1);
      expect(rx.received[0]!.host).toBe(`hooks.example.org:${rx.port}`);
      expect(JSON.parse(rx.received[0]!.body)).toMatchObject({ type: 'edition.published', data: { slug: 'hooked' } });
    } finally {
      await rx.close();
    }
  });
});
