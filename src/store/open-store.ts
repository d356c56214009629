/** Opens the store the configuration names: a SQLite file path (default) or, later, a postgres:// URL. */
import { DomainError } from '../errors.ts';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.ts';
import type { Store } from './store.ts';

export async function openStore(database: string, options: SqliteStoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(database)) {
    throw new DomainError('config_invalid', 'PostgreSQL is not supported yet: set EDITIONS_DB to a SQLite file path', { database: 'postgres', issues: 'EDITIONS_DB: PostgreSQL is not supported yet' });
  }
  return openSqliteStore(database, options);
}
