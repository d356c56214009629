/**
 * Draft jobs claimed with a lease, on both databases, with two runners over two stores (two
 * connections, as two instances have) on one database and an injected clock: one runner per
 * job, a lease that expired taken over by the sweep and the old holder's batch refused, a
 * shutdown that gives the job back at once, a waiting job due again after its backoff.
 * Every segment drafted once (the segment history has one machine draft per segment).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { defaultTranslatableKeys } from '../../src/markdown/frontmatter.ts';
import type { MachineTranslationProvider, TranslateRequest } from '../../src/mt/provider.ts';
import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { ProviderError } from '../../src/mt/retry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { authenticate, bootstrapAdmin } from '../../src/operations/users.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { dialects, type Dialect } from '../support/dialects.ts';
import { createTestSchema, postgresUrl } from '../support/postgres.ts';
import { machineDraftCounts } from '../support/machine-draft-counts.ts';

const paragraphs = 25;
/** The title and the paragraphs. */
const total = paragraphs + 1;
const leaseMs = 30_000;
const pseudo = createPseudoProvider();

/** The pseudo engine, 10 segments a request, counting what it is sent; `hold()` keeps its answers until `open()`. */
function engine() {
  const sent: string[] = [];
  const requests = new EventEmitter<{ request: [] }>();
  let gate: Promise<void> | undefined;
  let open = () => {};
  const provider: MachineTranslationProvider = {
    ...pseudo,
    limits: { ...pseudo.limits, maxSegmentsPerRequest: 10 },
    async translate(request: TranslateRequest) {
      for (const s of request.segments) sent.push(`${request.targetLocale} ${s.id}`);
      requests.emit('request');
      if (gate) await gate;
      return pseudo.translate(request);
    },
  };
  return {
    providers: providerSetOf([provider]),
    sent,
    hold() {
      gate = new Promise((r) => (open = r));
    },
    open() {
      gate = undefined;
      open();
    },
    /** Resolves at the n-th request from now. */
    requests: (n: number) =>
      new Promise<void>((resolve) => {
        let seen = 0;
        const on = () => {
          if (++seen < n) return;
          requests.off('request', on);
          resolve();
        };
        requests.on('request', on);
      }),
  };
}

/** Two stores (two instances' connections) on one database. */
async function twoStores(dialect: Dialect): Promise<{ stores: [Store, Store]; dispose(): Promise<void> }> {
  if (dialect.name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'editions-leases-'));
    const file = join(dir, 'editions.db');
    const a = await openSqliteStore(file);
    const b = await openSqliteStore(file);
    return {
      stores: [a, b],
      async dispose() {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema();
  const a = await openPostgresStore(postgresUrl, { schema: schema.name, poolSize: 5 });
  const b = await openPostgresStore(postgresUrl, { schema: schema.name, poolSize: 5 });
  return {
    stores: [a, b],
    async dispose() {
      await a.close();
      await b.close();
      await schema.drop();
    },
  };
}

describe.each(dialects)('draft jobs claimed with a lease ($name)', (dialect) => {
  let now: Date;
  let a: OperationContext;
  let b: OperationContext;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const opened = await twoStores(dialect);
    dispose = opened.dispose;
    now = new Date('2026-05-01T09:00:00.000Z');
    const context = (store: Store): OperationContext => ({ store, now: () => now, frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 });
    a = context(opened.stores[0]);
    b = context(opened.stores[1]);
    await bootstrapAdmin(a, 'leases-admin-token-0123456789');
    const admin = await authenticate(a, 'leases-admin-token-0123456789');
    const markdown = `# Leases\n\n${Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1} of the statement.`).join('\n\n')}\n`;
    await createStatement(a, admin, { slug: 'leases', sourceLocale: 'en', markdown });
  });
  afterEach(() => dispose());

  const request = (locales = ['fr', 'de']) => requestDrafts(a, null, providerSetOf([pseudo]), parseRoutes(''), { slug: 'leases', locales, provider: 'pseudo' });
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  /** Every locale drafted whole, each segment's machine draft stored once. */
  async function expectDraftedOnce(jobId: string, locales = ['fr', 'de']) {
    const job = await getJob(a, jobId);
    expect(job.status).toBe('done');
    for (const locale of locales) expect(job.progress[locale]).toMatchObject({ status: 'done', done: total, total, failed: 0 });
    const drafts = await machineDraftCounts(a.store.db);
    expect(drafts).toHaveLength(total * locales.length);
    expect(drafts.every((d) => Number(d.n) === 1)).toBe(true);
    const lease = await a.store.db.selectFrom('draft_jobs').select(['lease_owner', 'lease_until']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(lease).toEqual({ lease_owner: null, lease_until: null });
  }

  it('run a job started by two runners at once exactly once', async () => {
    const jobId = await request();
    const [ea, eb] = [engine(), engine()];
    const results = await Promise.all([new DraftRunner(a, ea.providers).run(jobId), new DraftRunner(b, eb.providers).run(jobId)]);
    expect(results.filter((ran) => ran === true)).toHaveLength(1);
    const sent = [...ea.sent, ...eb.sent];
    expect(sent).toHaveLength(total * 2);
    expect(new Set(sent).size).toBe(sent.length);
    await expectDraftedOnce(jobId);
  });

  it('share the unfinished jobs between two instances starting at once, each job to one', async () => {
    const jobs = [await request(['fr']), await request(['de']), await request(['es'])];
    const [ea, eb] = [engine(), engine()];
    const [ra, rb] = [new DraftRunner(a, ea.providers), new DraftRunner(b, eb.providers)];
    const [ta, tb] = await Promise.all([ra.resume(), rb.resume()]);
    expect([...ta, ...tb].sort()).toEqual([...jobs].sort());
    await Promise.all([ra.idle(), rb.idle()]);
    expect(new Set([...ea.sent, ...eb.sent]).size).toBe(ea.sent.length + eb.sent.length);
    for (const [i, locale] of ['fr', 'de', 'es'].entries()) expect((await getJob(a, jobs[i]!)).progress[locale]).toMatchObject({ status: 'done', done: total });
  });

  it('take over a job whose lease expired (its instance died), and refuse the old holder\'s batch', async () => {
    const jobId = await request();
    const [ea, eb] = [engine(), engine()];
    ea.hold();
    const first = ea.requests(2);
    const dying = new DraftRunner(a, ea.providers, undefined, { leaseMs });
    const run = dying.run(jobId);
    await first;
    const taker = new DraftRunner(b, eb.providers, undefined, { leaseMs });
    // The lease is held: nothing to take.
    later(leaseMs - 1000);
    expect(await taker.sweep()).toEqual([]);
    // Past the lease (no renewal came: the holder is as good as dead).
    later(2000);
    expect(await taker.sweep()).toEqual([jobId]);
    await taker.idle();
    // The old holder's answers come back now: its lease is gone, so it stores nothing.
    ea.open();
    expect(await run).toBe(true);
    expect(ea.sent).toHaveLength(20);
    expect(eb.sent).toHaveLength(total * 2);
    await expectDraftedOnce(jobId);
  });

  it('give a job back at shutdown after storing the batches in flight: another runner takes it at once', async () => {
    const jobId = await request();
    const [ea, eb] = [engine(), engine()];
    ea.hold();
    const first = ea.requests(2);
    const stopping = new DraftRunner(a, ea.providers, undefined, { leaseMs });
    const run = stopping.run(jobId);
    await first;
    const stopped = stopping.stop(10_000);
    ea.open();
    await stopped;
    expect(await run).toBe(true);
    expect((await getJob(a, jobId)).progress).toMatchObject({ fr: { done: 10 }, de: { done: 10 } });
    // Well within the lease that would have been: the job is free now.
    const taker = new DraftRunner(b, eb.providers, undefined, { leaseMs });
    expect(await taker.sweep()).toEqual([jobId]);
    await taker.idle();
    expect(ea.sent).toHaveLength(20);
    expect(eb.sent).toHaveLength(total * 2 - 20);
    expect(new Set([...ea.sent, ...eb.sent]).size).toBe(total * 2);
    await expectDraftedOnce(jobId);
  });

  it('give a job back at once when its batches in flight outlast the grace, and store nothing of them later', async () => {
    const jobId = await request();
    const [ea, eb] = [engine(), engine()];
    ea.hold();
    const first = ea.requests(2);
    const stopping = new DraftRunner(a, ea.providers, undefined, { leaseMs });
    const run = stopping.run(jobId);
    await first;
    await stopping.stop(20);
    const taker = new DraftRunner(b, eb.providers, undefined, { leaseMs });
    expect(await taker.sweep()).toEqual([jobId]);
    await taker.idle();
    ea.open();
    await run;
    expect(eb.sent).toHaveLength(total * 2);
    await expectDraftedOnce(jobId);
  });

  it('leave a job just requested to the instance that accepted it, and take it if nobody claimed it within a lease', async () => {
    const jobId = await request();
    const eb = engine();
    const taker = new DraftRunner(b, eb.providers, undefined, { leaseMs });
    expect(await taker.sweep()).toEqual([]);
    later(leaseMs);
    expect(await taker.sweep()).toEqual([jobId]);
    await taker.idle();
    await expectDraftedOnce(jobId);
  });

  it('run a waiting job again once its backoff has passed, on whichever instance sweeps', async () => {
    const jobId = await request(['fr']);
    const down: MachineTranslationProvider = {
      ...pseudo,
      translate: () => Promise.reject(new ProviderError('engine down', { transient: true, status: 503 })),
    };
    const first = new DraftRunner(a, providerSetOf([down]), { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, {
      localeRetry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      waitingRetry: { attempts: Number.POSITIVE_INFINITY, baseDelayMs: 60_000, maxDelayMs: 600_000, random: () => 0 },
    });
    await first.run(jobId);
    const waiting = await a.store.db.selectFrom('draft_jobs').select(['status', 'lease_owner', 'lease_until', 'waits']).where('id', '=', jobId).executeTakeFirstOrThrow();
    // Due again half a minute later (the first round's backoff, 1 minute, half jittered).
    expect(waiting).toEqual({ status: 'waiting', lease_owner: null, lease_until: new Date(now.getTime() + 30_000).toISOString(), waits: 1 });
    const eb = engine();
    const taker = new DraftRunner(b, eb.providers);
    expect(await taker.sweep()).toEqual([]);
    later(30_000);
    expect(await taker.sweep()).toEqual([jobId]);
    await taker.idle();
    expect((await a.store.db.selectFrom('draft_jobs').select('waits').where('id', '=', jobId).executeTakeFirstOrThrow()).waits).toBe(0);
    await expectDraftedOnce(jobId, ['fr']);
  });
});
