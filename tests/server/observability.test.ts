/**
 * Running it in production: the service as `npm start` runs it, its stdout captured. One
 * JSON log line per request (request id, method, route, status, duration, user id), job
 * and delivery lines with their ids, and no secret anywhere in the log: not the admin's
 * token, a user's token, a session cookie, a webhook secret, nor a cookie or header sent.
 * GET /ready (database, migrations, engines) and GET /metrics (Prometheus, an admin's token).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'observability-admin-token-0123456789';
let server: RunningServer;
let metricsOnly: RunningServer;
let dir: string;
let hook: { url: string; close: () => Promise<void> };

/** Resolves with the first log line (parsed) that `match` accepts, as soon as it is written. */
function logLine(of: RunningServer, match: (line: Record<string, any>) => boolean, ms = 15_000): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const found = lines(of).find(match);
      if (found) {
        clearTimeout(timer);
        of.child.stdout!.off('data', look);
        resolve(found);
      }
      return found;
    };
    const timer = setTimeout(() => reject(new Error(`no such log line within ${ms} ms:\n${of.output()}`)), ms);
    if (!look()) of.child.stdout!.on('data', look);
  });
}

function lines(of: RunningServer): Record<string, any>[] {
  return of
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, any>];
      } catch {
        return [];
      }
    });
}

async function api(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, any> };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-observability-'));
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  hook = { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`, close: () => new Promise<void>((r) => srv.close(() => r())) };
  [server, metricsOnly] = await Promise.all([
    startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'info' }),
    // An APy that is not there (nothing listens on port 9 of 127.0.0.1), metrics on their own port.
    startServer({ EDITIONS_DB: join(dir, 'm.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'http://127.0.0.1:9', EDITIONS_METRICS_PORT: '0' }),
  ]);
}, 60_000);

afterAll(async () => {
  expect(await server.stop()).toBe(0);
  expect(await metricsOnly.stop()).toBe(0);
  await hook.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the log', () => {
  it('has one JSON line per request, with its id, route, status, duration and user, and never a secret', async () => {
    // A user with a token, a webhook (its secret is shown once, to the admin), a statement, a job.
    const user = await api(admin, 'POST', '/api/users', { name: 'Tess Translator', roles: [{ role: 'translator', locale: 'fr' }] });
    expect(user.status).toBe(201);
    const token = user.body.token as string;
    const webhook = await api(admin, 'POST', '/api/webhooks', { url: hook.url, events: ['edition.published'] });
    expect(webhook.status).toBe(201);
    const webhookSecret = webhook.body.secret as string;
    expect(webhookSecret).toBeTruthy();
    const created = await api(admin, 'POST', '/api/statements', { slug: 'logged', sourceLocale: 'en', markdown: '# Logged\n\nA sentence to draft.\n' });
    expect(created.status).toBe(201);

    // The user's token on the API, with a cookie and a request id of the caller's.
    const read = await api(token, 'GET', '/api/statements/logged', undefined, { cookie: 'tracking=cookie-value-never-logged', 'x-request-id': 'caller-request-1' });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-request-id')).toBe('caller-request-1');
    // A refused token.
    expect((await api('edt_not-a-real-token-but-secret-looking', 'GET', '/api/statements')).status).toBe(401);

    // Signing in on the pages: a session cookie, then a page with it.
    const form = await fetch(`${server.url}/sign-in`);
    const formCookie = /editions_sign_in=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
    const formToken = /name="form_token" value="([^"]+)"/.exec(await form.text())![1]!;
    const signedIn = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_sign_in=${formCookie}`, origin: server.url },
      body: new URLSearchParams({ token: admin, form_token: formToken, next: '/statements' }),
    });
    const session = /editions_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!;
    const page = await fetch(`${server.url}/statements`, { headers: { cookie: `editions_session=${session}` } });
    expect(page.status).toBe(200);

    // Drafts in the background, and a publication that makes a webhook delivery.
    const job = await api(admin, 'POST', '/api/statements/logged/drafts', { locales: ['fr'], provider: 'pseudo' });
    expect(job.status).toBe(202);
    const finished = await logLine(server, (l) => l.msg === 'draft job finished' && l.jobId === job.body.id);
    expect(finished).toMatchObject({ level: 30, jobId: job.body.id, status: 'done' });
    expect((await api(admin, 'POST', '/api/statements/logged/editions', { locales: ['en'] })).status).toBe(201);
    const delivered = await logLine(server, (l) => l.msg === 'webhook delivered');
    expect(delivered.deliveryId).toEqual(expect.any(String));

    const requests = lines(server).filter((l) => l.msg === 'request');
    const readLine = requests.find((l) => l.reqId === 'caller-request-1')!;
    expect(readLine).toMatchObject({ method: 'GET', route: '/api/statements/:slug', path: '/api/statements/logged', status: 200, userId: expect.any(String), ms: expect.any(Number) });
    expect(requests.find((l) => l.route === '/statements' && l.method === 'GET')).toMatchObject({ status: 200, userId: expect.any(String), reqId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(requests.find((l) => l.status === 401)).toMatchObject({ route: '/api/*', path: '/api/statements' });
    expect(requests.find((l) => l.route === '/api/statements/:slug/drafts')).toMatchObject({ method: 'POST', status: 202 });
    // Every line is JSON.
    const text = server.output().split('\n').filter(Boolean);
    expect(text.every((l) => l.startsWith('{'))).toBe(true);

    // No secret, anywhere.
    const log = server.output();
    for (const secret of [admin, token, session, formCookie, formToken, webhookSecret, 'cookie-value-never-logged', 'edt_not-a-real-token-but-secret-looking']) {
      expect(log.includes(secret), `the log contains ${secret.slice(0, 6)}…`).toBe(false);
    }
    expect(log).not.toMatch(/authorization|cookie|bearer/i);
  });
});

describe('GET /ready', () => {
  it('is 200 when the database answers, migrations are current and the configured engines are reachable', async () => {
    const res = await fetch(`${server.url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { accepting: { ok: true }, database: { ok: true }, migrations: { ok: true }, engines: {} } });
  });

  it('is 503 naming the engine when a configured engine cannot be reached (GET /health stays 200)', async () => {
    const res = await fetch(`${metricsOnly.url}/ready`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, any>;
    expect(body.status).toBe('not_ready');
    expect(body.checks.database).toEqual({ ok: true });
    expect(body.checks.engines.apertium).toEqual({ ok: false, detail: expect.stringMatching(/APy not reachable at http:\/\/127\.0\.0\.1:9/) });
    expect((await fetch(`${metricsOnly.url}/health`)).status).toBe(200);
  });
});

/** The Prometheus text format, line by line: comments, then `name{labels} value`. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    expect(m, `not a sample line: ${line}`).not.toBeNull();
    samples.set(m![1]!, Number(m![2]));
  }
  return samples;
}

describe('GET /metrics', () => {
  it('is refused without a token (401) and to someone who is not an admin (403)', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const user = await api(admin, 'POST', '/api/users', { name: 'Rob Reviewer', roles: [{ role: 'reviewer', locale: 'fr' }] });
    const res = await api(user.body.token as string, 'GET', '/metrics');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('counts requests by route and status, draft jobs and segments, engine characters and webhook deliveries', async () => {
    // What the log test did (a job, a delivery) has been counted; make sure of a 304 and a 404 too.
    await logLine(server, (l) => l.msg === 'webhook delivered');
    const edition = await fetch(`${server.url}/published/logged/en.md`);
    expect(edition.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const notModified = await fetch(`${server.url}/published/logged/en.md`, { headers: { 'if-none-match': edition.headers.get('etag')!, 'x-request-id': 'reader-1' } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('x-request-id')).toBe('reader-1');
    const missing = await fetch(`${server.url}/published/nothing-here/en.md`, { headers: { 'x-request-id': 'reader-2' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('reader-2');
    const res = await api(admin, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseMetrics(res.text);
    expect(samples.get('editions_http_requests_total{method="GET",route="/published/:slug/:file",status="200"}')).toBe(1);
    expect(samples.get('editions_http_requests_total{method="GET",route="/published/:slug/:file",status="304"}')).toBe(1);
    expect(samples.get('editions_http_requests_total{method="GET",route="/published/:slug/:file",status="404"}')).toBe(1);
    expect(samples.get('editions_http_request_duration_seconds_count{method="GET",route="/published/:slug/:file"}')).toBe(3);
    expect(samples.get('editions_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/published/:slug/:file"}')).toBe(3);
    expect(samples.get('editions_draft_jobs_total{outcome="done"}')).toBe(1);
    expect(samples.get('editions_draft_job_locales_total{engine="pseudo",locale="fr",outcome="done"}')).toBe(1);
    expect(samples.get('editions_draft_segments_total{engine="pseudo",locale="fr"}')).toBe(2);
    expect(samples.get('editions_mt_characters_total{engine="pseudo",locale="fr"}')).toBe('Logged'.length + 'A sentence to draft.'.length);
    expect(samples.get('editions_webhook_deliveries_total{outcome="delivered"}')).toBe(1);
    expect(samples.get('editions_storage_retries_total')).toBe(0);
    expect(samples.has('editions_process_resident_memory_bytes')).toBe(true);
  });

  it('is served without a token on EDITIONS_METRICS_PORT, bound to 127.0.0.1, and not on the main port without one', async () => {
    const line = await logLine(metricsOnly, (l) => typeof l.msg === 'string' && l.msg.startsWith('metrics on '));
    const url = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(line.msg as string)![1]!;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(parseMetrics(await res.text()).has('editions_storage_retries_total')).toBe(true);
    expect((await fetch(`${metricsOnly.url}/metrics`)).status).toBe(401);
  });
});
