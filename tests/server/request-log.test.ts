/**
 * The request log costs the public read path no promise: with a logger and metrics, a warm
 * GET /published/{slug}/{locale} (200 and 304) is answered by the app synchronously, as a bare
 * route is (bench/http.ts measures the rate), and still has its X-Request-Id, its one log line
 * and its metrics sample, written once the answer has gone. The log's timestamps are pino's
 * ISO times without a Date per line. The app served on 127.0.0.1, a real SQLite file, pino
 * writing to memory.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { createApp } from '../../server/app.ts';
import { isoTimeCached } from '../../server/logger.ts';
import { ServiceMetrics } from '../../server/metrics.ts';
import { sqlite } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld(sqlite);

/** A pino logger whose lines land in `lines`; `next(match)` resolves at the first matching line. */
function memoryLog() {
  const lines: Record<string, any>[] = [];
  const waiting: { match: (l: Record<string, any>) => boolean; resolve: (l: Record<string, any>) => void }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) {
        const line = JSON.parse(text) as Record<string, any>;
        lines.push(line);
        for (const w of [...waiting]) if (w.match(line)) (waiting.splice(waiting.indexOf(w), 1), w.resolve(line));
      }
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, stream),
    next: (match: (l: Record<string, any>) => boolean) =>
      new Promise<Record<string, any>>((resolve) => {
        const found = lines.find(match);
        if (found) resolve(found);
        else waiting.push({ match, resolve });
      }),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the request log on the published read path', () => {
  it('answers a warm published read without a promise, with its id, its log line and its metrics sample', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'fast', sourceLocale: 'en', markdown: '# Fast\n\nRead often.\n' });
    await publish(w.ctx, w.publisher, { slug: 'fast', locales: ['en'] });
    const log = memoryLog();
    const metrics = new ServiceMetrics({ processMetrics: false });
    const providers = providerSetOf([]);
    const app = createApp(loadConfig({ EDITIONS_APERTIUM: 'off' }), { ctx: w.ctx, providers, runner: new DraftRunner(w.ctx, providers), log: log.logger, metrics });
    // What the app's fetch gave the node server for each request: the answer itself, or a promise of it.
    const given: string[] = [];
    const server = serve({
      fetch: (request, env) => {
        const answer = app.fetch(request, env);
        given.push(answer instanceof Promise ? 'promise' : 'answer');
        return answer;
      },
      hostname: '127.0.0.1',
      port: 0,
    });
    await new Promise<void>((r) => server.once('listening', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/published/fast/en.md`;
      const cold = await fetch(url);
      expect(cold.status).toBe(200);
      await cold.text();

      const warm = await fetch(url, { headers: { 'x-request-id': 'reader-200' } });
      expect(warm.status).toBe(200);
      expect(await warm.text()).toContain('Read often.');
      expect(warm.headers.get('x-request-id')).toBe('reader-200');
      const notModified = await fetch(url, { headers: { 'if-none-match': cold.headers.get('etag')! } });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      // The first read loads the edition (a promise); the warm ones are answered at once.
      expect(given).toEqual(['promise', 'answer', 'answer']);

      expect(await log.next((l) => l.reqId === 'reader-200')).toMatchObject({ level: 30, msg: 'request', method: 'GET', route: '/published/:slug/:file', path: '/published/fast/en.md', status: 200, ms: expect.any(Number) });
      expect(await log.next((l) => l.reqId === notModified.headers.get('x-request-id'))).toMatchObject({ route: '/published/:slug/:file', status: 304 });
      const text = await metrics.text();
      expect(text).toContain('editions_http_requests_total{method="GET",route="/published/:slug/:file",status="200"} 2');
      expect(text).toContain('editions_http_requests_total{method="GET",route="/published/:slug/:file",status="304"} 1');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("the log's timestamps", () => {
  it("are pino's ISO times, made once a second, the milliseconds appended", () => {
    const time = isoTimeCached();
    const at = (iso: string) => {
      vi.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
      return time();
    };
    expect(at('2026-05-01T09:00:00.000Z')).toBe(',"time":"2026-05-01T09:00:00.000Z"');
    expect(at('2026-05-01T09:00:00.007Z')).toBe(',"time":"2026-05-01T09:00:00.007Z"');
    expect(at('2026-05-01T09:00:00.042Z')).toBe(',"time":"2026-05-01T09:00:00.042Z"');
    expect(at('2026-05-01T09:00:00.999Z')).toBe(',"time":"2026-05-01T09:00:00.999Z"');
    expect(at('2026-05-01T09:00:01.000Z')).toBe(',"time":"2026-05-01T09:00:01.000Z"');
    expect(at('2026-12-31T23:59:59.500Z')).toBe(',"time":"2026-12-31T23:59:59.500Z"');
    expect(at('2027-01-01T00:00:00.001Z')).toBe(',"time":"2027-01-01T00:00:00.001Z"');
  });
});
