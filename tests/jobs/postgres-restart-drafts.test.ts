/**
 * PostgreSQL stopped and started again during a draft job (a private cluster: the shared
 * server on 5432 is never touched). The service keeps serving: requests that need the database
 * meanwhile are `503 storage_busy` (never a 500), `/health` answers; the job's lease cannot be
 * renewed and expires, but nobody else took it, so the service goes on with it; its batch whose
 * store failed is run again with backoff and the job finishes once the server is back, nothing
 * lost, every segment's draft stored once, the lease given back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts';
import { writeServiceAccountKey } from '../support/google-key.ts';
import { apiClient } from '../support/http-api.ts';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';
import { machineDraftCounts } from '../support/machine-draft-counts.ts';

if (privatePostgresUnavailable) {
  if (process.env.CI === 'true') throw new Error(`a private PostgreSQL cluster is needed in CI: ${privatePostgresUnavailable}`);
  console.warn(`PostgreSQL restart suite skipped: ${privatePostgresUnavailable}`);
}

const adminToken = 'restart-admin-token-0123456789';
const paragraphs = 20;
const total = paragraphs + 1;
const locales = ['es', 'fr'];

let fake: FakeGoogle;
let dir: string;
let cluster: PrivatePostgres;
let server: RunningServer;

beforeAll(async () => {
  if (privatePostgresUnavailable) return;
  fake = await startFakeGoogle();
  dir = mkdtempSync(join(tmpdir(), 'editions-pg-restart-'));
  cluster = await startPrivatePostgres();
  server = await startServer({
    EDITIONS_DB: cluster.url,
    EDITIONS_ADMIN_TOKEN: adminToken,
    GOOGLE_APPLICATION_CREDENTIALS: writeServiceAccountKey(dir),
    METADATA_SERVER_DETECTION: 'none',
    HOME: dir,
    CLOUDSDK_CONFIG: dir,
    EDITIONS_GOOGLE_ENDPOINT: fake.endpoint,
    EDITIONS_GOOGLE_CONCURRENCY: '1',
    EDITIONS_APERTIUM: 'off',
    EDITIONS_DOCUMENT_WORKERS: '1',
    // Requests give up on the absent database after half a second (503); the job's own retries go on.
    EDITIONS_STORAGE_WAIT_MS: '500',
    // The job's lease is renewed every third of a second: the outage outlasts it.
    EDITIONS_JOB_LEASE_MS: '1000',
    EDITIONS_JOB_SWEEP_MS: '200',
  });
}, 120_000);

afterAll(async () => {
  if (privatePostgresUnavailable) return;
  if (fake) {
    fake.hold = false;
    fake.release();
  }
  await server?.stop();
  await cluster?.destroy();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Resolves at the first line of the service's output that matches. */
function line(pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    if (pattern.test(server.output())) return resolve();
    const on = () => {
      if (!pattern.test(server.output())) return;
      server.child.stdout!.off('data', on);
      resolve();
    };
    server.child.stdout!.on('data', on);
  });
}

describe.skipIf(privatePostgresUnavailable !== undefined)('a draft job while PostgreSQL stops and starts again', () => {
  it('waits, retries, and finishes once the server is back; requests meanwhile are 503 storage_busy, never 500', async () => {
    const call = apiClient(() => server, { admin: adminToken });
    const markdown = `# Restart\n\n${Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1} of the statement.`).join('\n\n')}\n`;
    expect((await call('admin', 'POST', '/api/statements', { slug: 'restart', sourceLocale: 'en', markdown })).status).toBe(201);
    fake.hold = true;
    const before = fake.requests.length;
    const drafts = await call('admin', 'POST', '/api/statements/restart/drafts', { locales, provider: 'google' });
    expect(drafts.status).toBe(202);
    const jobId = drafts.body.id as string;
    await fake.waitForRequests(before + 1);

    // The server goes away while the engine is translating the first batch.
    const stoppedAt = Date.now();
    await cluster.stop();
    const retried = line(/draft locale will be retried/);
    const notRenewed = line(/draft job lease not renewed/);
    fake.release(1);
    const meanwhile = await Promise.all([
      call('admin', 'GET', `/api/jobs/${jobId}`),
      call('admin', 'GET', '/api/statements'),
      call('admin', 'GET', '/api/statements/restart/translations/es'),
      call('admin', 'POST', '/api/statements', { slug: 'during-outage', sourceLocale: 'en', markdown: '# Outage\n\nText.\n' }),
      call(null, 'GET', '/published/restart/es.json'),
    ]);
    for (const res of meanwhile) {
      expect(res.status, res.text).toBe(503);
      expect(res.body.error.code).toBe('storage_busy');
      expect(res.headers.get('retry-after')).toBe('1');
    }
    expect((await call(null, 'GET', '/health')).status).toBe(200);
    await Promise.all([retried, notRenewed]);

    // Back again: the job goes on by itself.
    await cluster.start();
    const downMs = Date.now() - stoppedAt;
    fake.hold = false;
    fake.release();
    const deadline = Date.now() + 60_000;
    let job: Record<string, any> = {};
    while (job.status !== 'done') {
      if (Date.now() > deadline) throw new Error(`the job did not finish: ${JSON.stringify(job)}\n${server.output().slice(-3000)}`);
      const res = await call('admin', 'GET', `/api/jobs/${jobId}`);
      expect([200, 503]).toContain(res.status);
      if (res.status === 200) job = res.body;
      else await new Promise((r) => setTimeout(r, 100));
    }
    const finishedMs = Date.now() - stoppedAt;
    for (const locale of locales) expect(job.progress[locale]).toMatchObject({ status: 'done', done: total, total, failed: 0 });
    // The batch whose store failed was translated again (billed again); the other locale once.
    const sent = fake.requests.slice(before).map((r) => r.body!.targetLanguageCode);
    expect(sent.filter((l) => l === sent[0])).toHaveLength(2);
    expect(sent).toHaveLength(3);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/"msg":"(unhandled promise rejection|uncaught exception)/);

    // Every segment's draft stored once.
    const store = await openPostgresStore(cluster.url, { poolSize: 1 });
    try {
      const drafts = await machineDraftCounts(store.db);
      expect(drafts).toHaveLength(total * locales.length);
      expect(drafts.filter((d) => Number(d.n) !== 1)).toEqual([]);
      // The lease that could not be renewed during the outage was still the service's, and is given back.
      expect(await store.db.selectFrom('draft_jobs').select(['status', 'lease_owner', 'lease_until']).where('id', '=', jobId).executeTakeFirst()).toEqual({ status: 'done', lease_owner: null, lease_until: null });
    } finally {
      await store.close();
    }
    console.info(`PostgreSQL down ${downMs} ms; job finished ${finishedMs} ms after the stop`);
  }, 120_000);
});
