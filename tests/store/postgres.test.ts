/** The PostgreSQL store: chosen by a postgres:// URL, migrated once even when instances start together, and an unreachable server is a clear refusal. */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { isPostgresTransient } from '../../src/store/postgres.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestSchema, postgresAvailable, postgresUrlForSchema } from '../support/postgres.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe.runIf(postgresAvailable)('PostgreSQL store', () => {
  it('is opened for a postgres:// URL; three instances starting at once migrate the schema once', async () => {
    const schema = await createTestSchema();
    cleanups.push(schema.drop);
    const url = postgresUrlForSchema(schema.name);
    const stores: Store[] = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    for (const store of stores) cleanups.push(() => store.close());
    expect(stores.map((s) => s.dialect)).toEqual(['postgres', 'postgres', 'postgres']);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(stores[0]!.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
    const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = ${schema.name}`.execute(stores[1]!.db);
    expect(tables.rows[0]!.n).toBeGreaterThan(10);
  });

  it('counts come back as numbers, as on SQLite', async () => {
    const schema = await createTestSchema();
    cleanups.push(schema.drop);
    const store = await openStore(postgresUrlForSchema(schema.name));
    cleanups.push(() => store.close());
    const row = await store.db.selectFrom('statements').select((eb) => [eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow();
    expect(row.n).toBe(0);
  });
});

describe('PostgreSQL errors', () => {
  it('an unreachable server is storage_busy after the wait, not a crash', async () => {
    // Port 1 on the loopback: nothing listens, the connection is refused at once.
    await expect(openStore('postgres://editions:editions@127.0.0.1:1/editions', { waitMs: 300 })).rejects.toMatchObject({ code: 'storage_busy' });
  });

  it('says which failures are worth another try', () => {
    for (const code of ['40001', '40P01', '57P01', '08006', 'ECONNREFUSED']) expect(isPostgresTransient({ code })).toBe(true);
    for (const code of ['23505', '42P01', '22P02']) expect(isPostgresTransient({ code })).toBe(false);
    expect(isPostgresTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
  });
});
