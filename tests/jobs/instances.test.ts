/**
 * Two service processes on one database (a PostgreSQL schema; a SQLite file too), drafting
 * with the fake Google server on 127.0.0.1, which holds its answers until the test lets them go
 * (so "mid-job" is an event): drafts requested on A, A killed with SIGKILL after a locale is
 * stored, B takes the job over once A's lease has expired and finishes it; and A stopped with
 * SIGTERM mid-job stores its batch in flight and gives the job back, so B takes it at once,
 * long before the lease would have expired. Every segment drafted once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts';
import { writeServiceAccountKey } from '../support/google-key.ts';
import { apiClient } from '../support/http-api.ts';
import { createTestSchema, postgresAvailable, postgresUrl, postgresUrlForSchema } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';
import { machineDraftCounts } from '../support/machine-draft-counts.ts';

const adminToken = 'instances-admin-token-0123456789';
const paragraphs = 20;
const total = paragraphs + 1;
const locales = ['de', 'es', 'fr'];

let fake: FakeGoogle;
let dir: string;
let key: string;
beforeAll(async () => {
  fake = await startFakeGoogle();
  dir = mkdtempSync(join(tmpdir(), 'editions-instances-'));
  key = writeServiceAccountKey(dir);
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Backend {
  name: string;
  /** EDITIONS_DB for the processes, and a store for the test to read. */
  open(): Promise<{ database: string; store: Store; dispose(): Promise<void> }>;
}

const backends: Backend[] = [
  ...(postgresAvailable
    ? [{
        name: 'postgres',
        async open() {
          const schema = await createTestSchema();
          const store = await openPostgresStore(postgresUrl, { schema: schema.name, poolSize: 2 });
          return { database: postgresUrlForSchema(schema.name), store, dispose: async () => { await store.close(); await schema.drop(); } };
        },
      }]
    : []),
  {
    name: 'sqlite',
    async open() {
      const file = join(mkdtempSync(join(dir, 'db-')), 'editions.db');
      const store = await openSqliteStore(file);
      return { database: file, store, dispose: () => store.close() };
    },
  },
];

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not before the deadline`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves at the first line of the process's output that matches. */
function line(server: RunningServer, pattern: RegExp): Promise<void> {
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

/** Each segment's machine draft stored once, in every locale. */
async function expectDraftedOnce(store: Store) {
  const drafts = await machineDraftCounts(store.db);
  expect(drafts).toHaveLength(total * locales.length);
  expect(drafts.filter((d) => Number(d.n) !== 1)).toEqual([]);
}

describe.each(backends)('two instances drafting on one database ($name)', (backend) => {
  let servers: RunningServer[] = [];
  let opened: Awaited<ReturnType<Backend['open']>>;

  afterEach(async () => {
    fake.hold = false;
    fake.release();
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
    servers = [];
    await opened?.dispose();
  });

  async function start(leaseMs: number): Promise<[RunningServer, RunningServer]> {
    opened = await backend.open();
    const env = {
      EDITIONS_DB: opened.database,
      EDITIONS_ADMIN_TOKEN: adminToken,
      GOOGLE_APPLICATION_CREDENTIALS: key,
      METADATA_SERVER_DETECTION: 'none',
      HOME: dir,
      CLOUDSDK_CONFIG: dir,
      EDITIONS_GOOGLE_ENDPOINT: fake.endpoint,
      EDITIONS_GOOGLE_CONCURRENCY: '1',
      EDITIONS_APERTIUM: 'off',
      EDITIONS_DOCUMENT_WORKERS: '1',
      EDITIONS_JOB_LEASE_MS: String(leaseMs),
      EDITIONS_JOB_SWEEP_MS: '100',
    };
    // At once: the two migrate the same database (one waits for the other).
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    servers.push(a, b);
    return [a, b];
  }

  /** Drafts requested on A, its first locale's answer let go and stored, the second request held. */
  async function midJob(a: RunningServer, b: RunningServer) {
    const onA = apiClient(() => a, { admin: adminToken });
    const onB = apiClient(() => b, { admin: adminToken });
    const markdown = `# Instances\n\n${Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1} of the statement.`).join('\n\n')}\n`;
    expect((await onA('admin', 'POST', '/api/statements', { slug: 'instances', sourceLocale: 'en', markdown })).status).toBe(201);
    fake.hold = true;
    const before = fake.requests.length;
    const drafts = await onA('admin', 'POST', '/api/statements/instances/drafts', { locales, provider: 'google' });
    expect(drafts.status).toBe(202);
    const jobId = drafts.body.id as string;
    await fake.waitForRequests(before + 1);
    fake.release(1);
    await fake.waitForRequests(before + 2);
    const first = fake.requests[before]!.body!.targetLanguageCode!;
    await until('the first locale stored', async () => (await onB('admin', 'GET', `/api/jobs/${jobId}`)).body.progress?.[first]?.done === total);
    return { jobId, onB, before, first, second: fake.requests[before + 1]!.body!.targetLanguageCode! };
  }

  const job = async (onB: ReturnType<typeof apiClient>, jobId: string) => until('the job done', async () => {
    const res = await onB('admin', 'GET', `/api/jobs/${jobId}`);
    return res.body.status === 'done' ? res.body : undefined;
  }, 60_000);

  it('a job whose instance was killed (SIGKILL) is taken over by the other once the lease expires, and finished', async () => {
    const leaseMs = 1500;
    const [a, b] = await start(leaseMs);
    const { jobId, onB, before, first, second } = await midJob(a, b);
    process.kill(a.child.pid!, 'SIGKILL');
    await new Promise((r) => (a.child.exitCode !== null || a.child.signalCode !== null ? r(null) : a.child.once('exit', r)));
    const killedAt = Date.now();
    const atKill = fake.requests.length;
    // A's request in flight was never answered (A is gone); B's requests go through.
    fake.hold = false;
    fake.release();

    const done = await job(onB, jobId);
    for (const locale of locales) expect(done.progress[locale]).toMatchObject({ status: 'done', done: total, total, failed: 0 });
    const after = fake.requests.slice(atKill);
    // B sent each locale A had not stored, once, and nothing A had stored.
    expect(after.map((r) => r.body!.targetLanguageCode).sort()).toEqual(locales.filter((l) => l !== first).sort());
    expect(after.every((r) => r.body!.contents!.length === total)).toBe(true);
    // Answered texts: every segment of every locale once (A's held request for `second` was cut by the kill).
    expect(fake.requests[before + 1]!.body!.targetLanguageCode).toBe(second);
    const answered = fake.requests.slice(before).filter((_, i) => i !== 1).flatMap((r) => r.body!.contents!.map((t) => `${r.body!.targetLanguageCode} ${t}`));
    expect(answered).toHaveLength(total * locales.length);
    expect(new Set(answered).size).toBe(answered.length);
    // Taken over within the lease (and the sweep), not at the next start.
    const takenAt = after[0]!.at;
    expect(takenAt - killedAt).toBeLessThan(leaseMs + 5000);
    await expectDraftedOnce(opened.store);
  }, 120_000);

  it('an instance stopped with SIGTERM mid-job stores its batch in flight and gives the job back: the other takes it at once', async () => {
    const leaseMs = 120_000;
    const [a, b] = await start(leaseMs);
    const { jobId, onB, before, first, second } = await midJob(a, b);
    const shuttingDown = line(a, /shutting down/);
    process.kill(a.child.pid!, 'SIGTERM');
    await shuttingDown;
    // A's answer for its second locale comes now: A stores it, sends nothing more, and gives the job back.
    fake.release(1);
    const code = await a.stop();
    const exitedAt = Date.now();
    expect(code).toBe(0);
    expect(a.output()).toMatch(/draft job given back at shutdown/);
    fake.hold = false;
    fake.release();

    const done = await job(onB, jobId);
    for (const locale of locales) expect(done.progress[locale]).toMatchObject({ status: 'done', done: total, total, failed: 0 });
    const sent = fake.requests.slice(before).map((r) => r.body!.targetLanguageCode);
    // Each locale sent once in all: A the first two, B the last.
    expect(sent.slice(0, 2)).toEqual([first, second]);
    expect([...sent].sort()).toEqual([...locales].sort());
    // At once: within a few sweeps, not after the two-minute lease.
    expect(fake.requests[before + 2]!.at - exitedAt).toBeLessThan(5000);
    await expectDraftedOnce(opened.store);
  }, 120_000);
});
