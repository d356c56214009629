/**
 * Nothing fails silently: a draft job started in the background whose work throws is logged
 * with the job's id (no unhandled rejection); an unexpected error in a request is a 500
 * whose log line carries the error's stack and the request's id; readiness sees migrations
 * that are not applied. Real SQLite files, the app served on 127.0.0.1, pino writing to memory.
 */
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { checkReadiness } from '../../src/operations/service-status.ts';
import { createApp } from '../../server/app.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

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
    lines,
    next: (match: (l: Record<string, any>) => boolean) =>
      new Promise<Record<string, any>>((resolve) => {
        const found = lines.find(match);
        if (found) resolve(found);
        else waiting.push({ match, resolve });
      }),
  };
}

const world = useWorld(dialects[0]!);
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  expect(unhandled).toEqual([]);
});

describe('background work', () => {
  it('a draft job started in the background that throws is logged with its id, never an unhandled rejection', async () => {
    const log = memoryLog();
    const ctx = { ...world().ctx, log: log.logger };
    const runner = new DraftRunner(ctx, providerSetOf([]));
    runner.start('no-such-job');
    const line = await log.next((l) => l.msg === 'draft job failed');
    expect(line).toMatchObject({ level: 50, jobId: 'no-such-job', err: { message: 'No job no-such-job', stack: expect.stringContaining('getJob') } });
    await runner.idle();
    // A turn of the event loop for a rejection to be reported, were there one.
    await new Promise<void>((r) => setImmediate(r));
  });
});

describe('an unexpected error in a request', () => {
  it('is a 500 for the caller and a log line with the stack and the request id', async () => {
    const log = memoryLog();
    const ctx = { ...world().ctx, log: log.logger };
    const providers = providerSetOf([]);
    const app = createApp(loadConfig({ EDITIONS_APERTIUM: 'off' }), { ctx, providers, runner: new DraftRunner(ctx, providers), log: log.logger });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
    try {
      // The database goes away under the service: a bug-shaped failure, not a refusal.
      await ctx.store.db.schema.dropTable('sessions').execute();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/statements`, { headers: { cookie: 'editions_session=whatever', 'x-request-id': 'req-500' } });
      expect(res.status).toBe(500);
      const error = await log.next((l) => l.msg === 'unexpected error');
      expect(error).toMatchObject({ level: 50, reqId: 'req-500', err: { type: expect.any(String), stack: expect.stringMatching(/sessions/) } });
      expect(await log.next((l) => l.msg === 'request')).toMatchObject({ level: 50, reqId: 'req-500', status: 500, route: expect.stringMatching(/^\/statements/) });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('readiness', () => {
  it('is not ready while a migration is not applied, and names it', async () => {
    expect(await checkReadiness(world().ctx, [])).toMatchObject({ ready: true });
    await sql`delete from kysely_migration where name = (select max(name) from kysely_migration)`.execute(world().ctx.store.db);
    const r = await checkReadiness(world().ctx, []);
    expect(r.ready).toBe(false);
    expect(r.checks.migrations).toEqual({ ok: false, detail: '1 migration(s) not applied', pending: [expect.any(String)] });
  });

  it('is not ready once a shutdown has begun', async () => {
    expect(await checkReadiness(world().ctx, [], { stopping: true })).toMatchObject({ ready: false, checks: { accepting: { ok: false, detail: 'shutting down' } } });
  });
});
