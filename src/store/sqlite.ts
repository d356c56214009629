/**
 * The embedded default: SQLite through better-sqlite3, in WAL mode with a busy timeout.
 * Transactions begin IMMEDIATE: they take the write lock at the start (waiting up to the
 * busy timeout), so a transaction that reads and then writes never fails halfway because
 * another process committed in between (SQLITE_BUSY_SNAPSHOT), as a deferred one would.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql, SqliteDialect, type Transaction } from 'kysely';
import { migrate } from './migrate.ts';
import type { Schema } from './schema.ts';
import type { Store } from './store.ts';

export async function openSqliteStore(path: string): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  await migrate(db);
  return {
    dialect: 'sqlite',
    db,
    transaction: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          // The connection is the transaction: the same query builder, on the one connection.
          const result = await fn(conn as unknown as Transaction<Schema>);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      }),
    close: () => db.destroy(),
  };
}
