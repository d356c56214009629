/**
 * SIGTERM, as an orchestrator sends it: the service stops accepting, lets a request in flight
 * finish (within EDITIONS_SHUTDOWN_GRACE_MS, then closes it), gives a webhook delivery's
 * lease back so another instance can send it at once, and exits 0 within a few seconds, also
 * when the reader of its stdout has gone or stopped reading.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'shutdown-admin-token-0123456789';
let dir: string;
let server: RunningServer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'editions-shutdown-'));
});
afterEach(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves when the service's output matches `pattern`. */
function outputMatches(of: RunningServer, pattern: RegExp, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const look = () => {
      if (!pattern.test(of.output())) return false;
      clearTimeout(timer);
      of.child.stdout!.off('data', look);
      resolve();
      return true;
    };
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${of.output()}`)), ms);
    if (!look()) of.child.stdout!.on('data', look);
  });
}

/** SIGTERM; resolves with the exit code and how long the exit took. */
function terminate(of: RunningServer): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return of.stop().then((code) => ({ code, ms: Date.now() - started }));
}

/**
 * A connection the service has certainly accepted (one request answered on it), then a
 * POST whose body is sent only in part: a request in flight. `finish()` sends the rest.
 */
async function requestInFlight(url: string): Promise<{ finish: () => void; answer: Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
  await new Promise<void>((r) => {
    const check = () => {
      if (/\r\n\r\n\{"status":"ok"[^\n]*\}$/.test(received)) {
        socket.off('data', check);
        r();
      }
    };
    socket.on('data', check);
  });
  received = '';
  const body = JSON.stringify({ slug: 'in-flight', sourceLocale: 'en', markdown: '# In flight\n\nSent slowly.\n' });
  const half = Math.floor(body.length / 2);
  await new Promise<void>((r) =>
    socket.write(
      `POST /api/statements HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${admin}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
      () => r(),
    ),
  );
  const answer = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
  return { finish: () => socket.write(body.slice(half)), answer };
}

describe('shutdown on SIGTERM', () => {
  it('finishes a request in flight, then exits 0 without waiting out the grace period', async () => {
    // A long grace, so a loaded machine still finishes the request within it; the exit must come well before it ends.
    server = await startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_SHUTDOWN_GRACE_MS: '30000' });
    const inFlight = await requestInFlight(server.url);
    const exited = terminate(server);
    await outputMatches(server, /"msg":"shutting down"/);
    // Stopped accepting: a new connection is refused.
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer).toMatch(/"slug":"in-flight"/);
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(30_000);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });

  it('closes a request that does not finish within the grace period, and exits 0', async () => {
    server = await startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_SHUTDOWN_GRACE_MS: '500' });
    const inFlight = await requestInFlight(server.url);
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(500);
    expect(ms).toBeLessThan(3000);
    expect(await inFlight.answer).toBe('');
    expect(server.output()).toMatch(/requests still in flight after the grace period/);
  });

  it('gives back the lease of a webhook delivery in flight, unrecorded, so another instance sends it at once', async () => {
    // A receiver that takes the request and never answers.
    const held: http.ServerResponse[] = [];
    let arrived: () => void = () => {};
    const delivery = new Promise<void>((r) => (arrived = r));
    const receiver = http.createServer((_req, res) => {
      held.push(res);
      arrived();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const db = join(dir, 'e.db');
    try {
      server = await startServer({ EDITIONS_DB: db, EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
      const call = (path: string, body: unknown) =>
        fetch(`${server!.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await call('/api/webhooks', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: ['edition.published'] })).status).toBe(201);
      expect((await call('/api/statements', { slug: 'leased', sourceLocale: 'en', markdown: '# Leased\n' })).status).toBe(201);
      expect((await call('/api/statements/leased/editions', { locales: ['en'] })).status).toBe(201);
      await delivery;
      const { code, ms } = await terminate(server);
      expect(code).toBe(0);
      // Not the webhook timeout (10 s): the attempt was cut short.
      expect(ms).toBeLessThan(3000);
      const row = new Database(db, { readonly: true }).prepare('select status, attempts, next_attempt_at from webhook_deliveries').get() as { status: string; attempts: number; next_attempt_at: string };
      expect(row.status).toBe('pending');
      expect(row.attempts).toBe(0);
      // Due now, not at the end of a lease.
      expect(Date.parse(row.next_attempt_at)).toBeLessThanOrEqual(Date.now());
      expect(server.output()).toMatch(/"msg":"webhook delivery released at shutdown"/);
    } finally {
      for (const res of held) res.destroy();
      receiver.closeAllConnections();
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });

  it('exits 0 when the reader of its stdout has gone, and serves meanwhile', async () => {
    server = await startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off' });
    server.child.stdout!.destroy();
    for (let i = 0; i < 50; i++) expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(3000);
  });

  it('exits 0 when the reader of its stdout has stopped reading (the pipe is full), and serves meanwhile', async () => {
    server = await startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off' });
    server.child.stdout!.pause();
    // Far more log than a pipe holds (64 KiB): one line of about 200 bytes a request.
    for (let i = 0; i < 1000; i++) expect((await fetch(`${server.url}/health?n=${i}`)).status).toBe(200);
    const { code, ms } = await terminate(server);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(3000);
  });
});
