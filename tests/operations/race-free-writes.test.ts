/**
 * Races the HTTP suite (tests/server/concurrent-writers.test.ts) cannot provoke reliably, at
 * the operation level over real connections:
 * - instances starting at once on an empty database bootstrap one admin between them (the check
 *   was outside the transaction: two admins, or the configured token's unique key thrown);
 * - on PostgreSQL, the operations' own mechanisms (row locks on the statement, upserts, unique
 *   keys mapped to codes: docs/domain.md, "Concurrent writers") hold even with the store's
 *   serializable isolation taken away (READ COMMITTED, PostgreSQL's default), where the
 *   serialization failures and retries that otherwise hide a missing lock do not happen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationContext } from '../../src/operations/context.ts';
import { setLinkTargets, getLinkTargets } from '../../src/operations/link-targets.ts';
import { publish } from '../../src/operations/publish.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { startTranslation } from '../../src/operations/start-translation.ts';
import { bootstrapAdmin } from '../../src/operations/users.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { defaultTranslatableKeys } from '../../src/markdown/frontmatter.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { dialects, postgres } from '../support/dialects.ts';
import { create, shortStatement } from '../support/flow.ts';
import { createTestSchema, postgresAvailable, postgresUrl } from '../support/postgres.ts';
import { useWorld } from '../support/world.ts';

/** `n` stores on one new database, as `n` instances would open it. */
async function storesOnOneDatabase(dialect: 'sqlite' | 'postgres', n: number): Promise<{ stores: Store[]; dispose(): Promise<void> }> {
  if (dialect === 'postgres') {
    const schema = await createTestSchema();
    const stores = await Promise.all(Array.from({ length: n }, () => openPostgresStore(postgresUrl, { schema: schema.name, poolSize: 2 })));
    return { stores, dispose: async () => { await Promise.all(stores.map((s) => s.close())); await schema.drop(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'editions-race-'));
  // Opened one after the other: this test is about what comes after the migrations.
  const stores: Store[] = [];
  for (let i = 0; i < n; i++) stores.push(await openSqliteStore(join(dir, 'editions.db')));
  return { stores, dispose: async () => { await Promise.all(stores.map((s) => s.close())); rmSync(dir, { recursive: true, force: true }); } };
}

const contextOf = (store: Store): OperationContext => ({ store, now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 });

describe.each(dialects)('instances starting at once ($name)', (dialect) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });

  it.each([
    ['the configured token', 'race-admin-token-0123456789'],
    ['a generated token', undefined],
  ])('bootstrap one admin between them, with %s', async (_, token) => {
    const opened = await storesOnOneDatabase(dialect.name, 4);
    dispose = opened.dispose;
    const results = await Promise.all(opened.stores.map((store) => bootstrapAdmin(contextOf(store), token)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const users = await opened.stores[0]!.db.selectFrom('users').select('name').execute();
    expect(users).toEqual([{ name: 'admin' }]);
  });
});

describe.skipIf(!postgresAvailable)('the operations\' own guards, under READ COMMITTED (postgres)', () => {
  const world = useWorld(postgres);
  // As many contenders as the test store's pool has connections (tests/support/dialects.ts).
  const n = 5;
  /**
   * The context with the store's serializable isolation (and its retries) taken away, and its
   * first `n` transactions held until all `n` have begun: they then go at once.
   */
  const readCommitted = (ctx: OperationContext): OperationContext => {
    let begun = 0;
    let go!: () => void;
    const all = new Promise<void>((resolve) => (go = resolve));
    return {
      ...ctx,
      store: {
        ...ctx.store,
        transaction: (fn) => ctx.store.db.transaction().execute(async (trx) => {
          if (++begun >= n) go();
          await all;
          return fn(trx);
        }),
      },
    };
  };
  const codes = (results: PromiseSettledResult<unknown>[]) => results.map((r) => (r.status === 'fulfilled' ? 'ok' : String((r.reason as { code?: string }).code ?? (r.reason as Error).message)));

  it('5 publications of one locale at once make one edition (the statement\'s row lock)', async () => {
    const w = world();
    await create(w);
    const ctx = readCommitted(w.ctx);
    const results = await Promise.all(Array.from({ length: n }, () => publish(ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] })));
    expect(results.map((r) => r.editions[0]!.created).filter(Boolean)).toHaveLength(1);
    expect(await w.ctx.store.db.selectFrom('editions').select('id').execute()).toHaveLength(1);
  });

  it('5 source revisions at one base revision: one wins, the rest revision_conflict', async () => {
    const w = world();
    await create(w);
    const ctx = readCommitted(w.ctx);
    const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => reviseSource(ctx, w.publisher, { slug: 'seed-bank', markdown: `${shortStatement}\nAdded ${i}.\n`, expectedRevision: 1 })));
    expect(codes(results).sort()).toEqual(['ok', ...Array(n - 1).fill('revision_conflict')]);
  });

  it('5 withdrawals of one edition at once: one, the rest edition_withdrawn', async () => {
    const w = world();
    await create(w);
    const edition = (await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] })).editions[0]!;
    const ctx = readCommitted(w.ctx);
    const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => withdrawEdition(ctx, w.publisher, { slug: 'seed-bank', editionId: edition.id, reason: `r${i}` })));
    expect(codes(results).sort()).toEqual([...Array(n - 1).fill('edition_withdrawn'), 'ok']);
  });

  it('5 openings of one locale at once make one translation (an upsert)', async () => {
    const w = world();
    await create(w);
    const ctx = readCommitted(w.ctx);
    const results = await Promise.allSettled(Array.from({ length: n }, () => startTranslation(ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr' })));
    expect(codes(results)).toEqual(Array(n).fill('ok'));
    const ids = new Set(results.map((r) => (r as PromiseFulfilledResult<{ translationId: string }>).value.translationId));
    expect(ids.size).toBe(1);
    const segments = await w.ctx.store.db.selectFrom('translation_segments').select('segment_id').execute();
    expect(segments.length).toBe(new Set(segments.map((s) => s.segment_id)).size);
  });

  it('5 replacements of a locale\'s link targets at once all succeed (upserts)', async () => {
    const w = world();
    const ctx = readCommitted(w.ctx);
    const maps = Array.from({ length: n }, (_, i) => Object.fromEntries(Array.from({ length: 20 }, (_, j) => [`https://example.org/${j}`, `https://example.fr/${i}/${j}`])));
    const results = await Promise.allSettled(maps.map((targets) => setLinkTargets(ctx, w.publisher, 'fr', targets)));
    expect(codes(results)).toEqual(Array(n).fill('ok'));
    expect(Object.keys((await getLinkTargets(w.ctx, 'fr')).targets)).toHaveLength(20);
  });
});
