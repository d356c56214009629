/**
 * The storage dialects every storage and operation suite runs over: SQLite in a temp file, and
 * PostgreSQL in a schema of its own (tests/support/postgres.ts) when a server is reachable (it
 * must be under CI=true).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { createTestSchema, postgresAvailable, postgresUrl } from './postgres.ts';

export interface Dialect {
  name: 'sqlite' | 'postgres';
  open(options?: { waitMs?: number }): Promise<{ store: Store; dispose(): Promise<void> }>;
}

export const sqlite: Dialect = {
  name: 'sqlite',
  async open(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'editions-db-'));
    const store = await openSqliteStore(join(dir, 'editions.db'), options);
    return {
      store,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgres: Dialect = {
  name: 'postgres',
  async open(options: Pick<PostgresStoreOptions, 'waitMs'> = {}) {
    const schema = await createTestSchema();
    const store = await openPostgresStore(postgresUrl, { ...options, schema: schema.name, poolSize: 5 });
    return {
      store,
      async dispose() {
        await store.close();
        await schema.drop();
      },
    };
  },
};

export const dialects: Dialect[] = postgresAvailable ? [sqlite, postgres] : [sqlite];
