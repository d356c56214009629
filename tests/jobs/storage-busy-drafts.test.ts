/**
 * A draft job whose database stays busy past the store's wait (another connection holding the
 * write lock): the locale is run again after a backoff and finishes once the lock is released;
 * if it is still busy after the runner's last try, the locale and job are left `waiting`, and
 * the next start (`resume()`) finishes them. Every segment drafted once.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { defaultTranslatableKeys } from '../../src/markdown/frontmatter.ts';
import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { defaultRetryPolicy } from '../../src/mt/retry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import type { Logger } from '../../src/observability.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { authenticate, bootstrapAdmin } from '../../src/operations/users.ts';

const total = 61;
const providers = providerSetOf([createPseudoProvider()]);
const pseudo = createPseudoProvider();
/** The same engine, 30 segments a request: the job stores several batches. */
const smallBatches = { ...pseudo, limits: { ...pseudo.limits, maxSegmentsPerRequest: 30 } };
let dir: string;
let file: string;
let ctx: OperationContext;
let holder: Database.Database | undefined;
/** Every message the runner logs, as an event. */
const logged = new EventEmitter<{ message: [message: string, fields: object] }>();

const logger: Logger = {
  debug: () => {},
  info: (fields, message) => logged.emit('message', message ?? '', fields),
  warn: (fields, message) => logged.emit('message', message ?? '', fields),
  error: (fields, message) => logged.emit('message', message ?? '', fields),
  child: () => logger,
};

function logs(message: string): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (m: string, fields: object) => {
      if (m !== message) return;
      logged.off('message', listener);
      resolve(fields);
    };
    logged.on('message', listener);
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-busy-drafts-'));
  file = join(dir, 'editions.db');
  // The store gives up after 50 ms; the runner's own retries take over from there.
  const store = await openSqliteStore(file, { waitMs: 50 });
  ctx = { store, now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000, log: logger };
  const markdown = `# Busy\n\n${Array.from({ length: total - 1 }, (_, i) => `Paragraph ${i + 1} of the statement.`).join('\n\n')}\n`;
  await bootstrapAdmin(ctx, 'busy-drafts-admin-token-0123456789');
  await createStatement(ctx, await authenticate(ctx, 'busy-drafts-admin-token-0123456789'), { slug: 'busy', sourceLocale: 'en', markdown });
});

afterEach(async () => {
  if (holder?.inTransaction) holder.exec('ROLLBACK');
  holder?.close();
  holder = undefined;
  await ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Takes the write lock (as another process would) the moment the first batch is stored: in the
 * runner's own progress event, synchronously, so its next write meets the lock.
 */
function lockAfterFirstBatch(runner: DraftRunner, jobId: string) {
  const other = new Database(file);
  const listener = () => {
    const row = other.prepare('select done from draft_job_locales where job_id = ?').get(jobId) as { done: number };
    if (row.done === 0) return;
    other.exec('BEGIN IMMEDIATE');
    holder = other;
    runner.off('progress', listener);
  };
  runner.on('progress', listener);
}

async function expectDraftedOnce(jobId: string) {
  const job = await getJob(ctx, jobId);
  expect(job.status).toBe('done');
  expect(job.progress.fr).toMatchObject({ status: 'done', done: total, total, failed: 0 });
  const t = await getTranslation(ctx, 'busy', 'fr');
  expect(t.segments).toHaveLength(total);
  expect(t.segments.every((s) => s.state === 'machine' && s.machineProvenance?.engine === 'pseudo')).toBe(true);
}

describe('draft jobs and a busy database', () => {
  it('run a locale again after the store gave up, and finish once the lock is released', async () => {
    const jobId = await requestDrafts(ctx, null, providers, parseRoutes(''), { slug: 'busy', locales: ['fr'], provider: 'pseudo' });
    const runner = new DraftRunner(ctx, providerSetOf([smallBatches]), defaultRetryPolicy, { localeRetry: { attempts: 1000, baseDelayMs: 10, maxDelayMs: 50 } });
    lockAfterFirstBatch(runner, jobId);
    const retried = logs('draft locale will be retried');
    const run = runner.run(jobId);
    expect(await retried).toMatchObject({ locale: 'fr', err: expect.objectContaining({ code: 'storage_busy' }) });
    expect((await getJob(ctx, jobId)).progress.fr).toMatchObject({ status: 'running', done: 30 });
    holder!.exec('ROLLBACK');
    await run;
    await expectDraftedOnce(jobId);
  });

  it('leave a locale still busy after the last try waiting, and finish it at the next start', async () => {
    const jobId = await requestDrafts(ctx, null, providers, parseRoutes(''), { slug: 'busy', locales: ['fr'], provider: 'pseudo' });
    const first = new DraftRunner(ctx, providerSetOf([smallBatches]), defaultRetryPolicy, { localeRetry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 } });
    lockAfterFirstBatch(first, jobId);
    const gaveUp = logs('draft locale left waiting for the next start');
    const run = first.run(jobId);
    await gaveUp;
    // The other process lets go only now: the runner records the locale and job as waiting.
    holder!.exec('ROLLBACK');
    await run;
    const waiting = await getJob(ctx, jobId);
    expect(waiting.status).toBe('waiting');
    expect(waiting.progress.fr).toMatchObject({ status: 'waiting', done: 30, failed: 0 });

    const next = new DraftRunner(ctx, providers);
    expect(await next.resume()).toEqual([jobId]);
    await next.idle();
    await expectDraftedOnce(jobId);
  });
});
