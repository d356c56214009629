/** Opens the store the configuration names: a SQLite file path (default) or a postgres:// URL. */
import { openPostgresStore, type PostgresStoreOptions } from './postgres.ts';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.ts';
import type { Store } from './store.ts';

export type StoreOptions = SqliteStoreOptions & Omit<PostgresStoreOptions, 'schema'>;

export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

export async function openStore(database: string, options: StoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(database)) return openPostgresStore(database, options);
  return openSqliteStore(database, options);
}
