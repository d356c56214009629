/**
 * Another process holding the SQLite write lock (a CLI, a backup; here this test's own
 * connection) does not stall the service: it keeps answering what needs no write, a write
 * waits asynchronously and succeeds once the lock is released within EDITIONS_STORAGE_WAIT_MS,
 * and a draft job resumed at start while the lock is held finishes once it is released, every
 * segment drafted once. (A write held past the wait, `503 storage_busy` with Retry-After and
 * nothing changed, is in error-codes.test.ts.) Ordering is by events: the service's storage
 * retries counted in GET /metrics, answers seen while the lock is still held.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTranslatableKeys } from '../../src/markdown/frontmatter.ts';
import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { requestDrafts } from '../../src/operations/request-drafts.ts';
import { authenticate, bootstrapAdmin } from '../../src/operations/users.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { apiClient } from '../support/http-api.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'storage-busy-admin-token-0123456789';
const segments = 801;
let dir: string;
let dbFile: string;
let server: RunningServer | undefined;
let holder: Database.Database | undefined;
let jobId: string;
const call = apiClient(() => server!, { admin });

async function storageRetries(): Promise<number> {
  const res = await call('admin', 'GET', '/metrics');
  expect(res.status).toBe(200);
  return Number(/^editions_storage_retries_total (\d+)/m.exec(res.text)?.[1] ?? 0);
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-storage-busy-'));
  dbFile = join(dir, 'editions.db');
  // A statement of 801 segments and a draft job for it, left queued (as by a process that stopped).
  const store = await openSqliteStore(dbFile);
  const ctx = { store, now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 };
  await bootstrapAdmin(ctx, admin);
  const actor = await authenticate(ctx, admin);
  const markdown = `# Busy\n\n${Array.from({ length: segments - 1 }, (_, i) => `Paragraph ${i + 1} of a long statement.`).join('\n\n')}\n`;
  await createStatement(ctx, actor, { slug: 'long', sourceLocale: 'en', markdown });
  jobId = await requestDrafts(ctx, actor, providerSetOf([createPseudoProvider()]), parseRoutes(''), { slug: 'long', locales: ['fr'], provider: 'pseudo' });
  await store.close();
  // Another process's write transaction, held while the service starts and resumes the job.
  holder = new Database(dbFile);
  holder.exec('BEGIN IMMEDIATE');
  server = await startServer({ EDITIONS_DB: dbFile, EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_STORAGE_WAIT_MS: '60000' });
}, 60_000);

afterAll(async () => {
  if (holder?.inTransaction) holder.exec('ROLLBACK');
  holder?.close();
  if (server) expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('the write lock held by another process', () => {
  it('keeps the service answering; a write and a resumed draft job finish once the lock is released', async () => {
    // The resumed job is waiting for the lock, asynchronously.
    await until(async () => (await storageRetries()) > 0, 'the service to retry the busy database');
    let written = false;
    const write = call('admin', 'POST', '/api/statements', { slug: 'written', sourceLocale: 'en', markdown: '# Written while busy\n' }).then((res) => {
      written = true;
      return res;
    });
    const before = await storageRetries();
    await until(async () => (await storageRetries()) > before, 'the write to wait for the lock');
    // Answers that need no write, while the lock is held and the write waits.
    const health = await call(null, 'GET', '/health');
    expect(health.status).toBe(200);
    expect((await call('admin', 'GET', `/api/jobs/${jobId}`)).body.progress.fr).toMatchObject({ done: 0 });
    expect(written).toBe(false);
    expect(holder!.inTransaction).toBe(true);
    expect(holder!.prepare('select status from draft_jobs where id = ?').get(jobId)).toEqual({ status: 'queued' });

    holder!.exec('ROLLBACK');
    expect((await write).status).toBe(201);
    await until(async () => (await call('admin', 'GET', `/api/jobs/${jobId}`)).body.status === 'done', 'the draft job to finish');
    const job = (await call('admin', 'GET', `/api/jobs/${jobId}`)).body;
    expect(job.progress.fr).toMatchObject({ status: 'done', done: segments, total: segments, failed: 0 });
    // Every segment drafted, once: one machine text each, no segment left or counted twice.
    const db = new Database(dbFile, { readonly: true });
    try {
      const states = db
        .prepare(`select state, count(*) as n, count(machine_text) as drafted from translation_segments group by state`)
        .all() as { state: string; n: number; drafted: number }[];
      expect(states).toEqual([{ state: 'machine', n: segments, drafted: segments }]);
    } finally {
      db.close();
    }
  }, 60_000);
});
