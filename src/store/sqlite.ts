/**
 * The embedded default: SQLite through better-sqlite3, in WAL mode.
 *
 * Transactions begin IMMEDIATE: they take the write lock at the start, so a transaction that
 * reads and then writes never fails halfway because another process committed in between
 * (SQLITE_BUSY_SNAPSHOT), as a deferred one would.
 *
 * better-sqlite3 is synchronous: while SQLite waits for a lock (its busy timeout), the whole
 * thread waits, event loop included. So the busy timeout is zero by default (`busyTimeoutMs`)
 * and a transaction or statement refused with SQLITE_BUSY / SQLITE_LOCKED is tried again
 * after an asynchronous backoff (src/store/storage-retry.ts), the connection given back to
 * other queries meanwhile, up to `waitMs` in all; then `storage_busy`. A transaction is
 * retried whole (its function runs again: nothing of it was committed); a DomainError it
 * throws is never retried. Readers are not blocked by a writer in WAL mode.
 *
 * Measured (another process holding the write lock, a write waiting, 5 runs each): busy
 * timeout 0 ms: the event loop's longest stall 5.5 ms (its noise), the write done 21 ms
 * (median; 55 at most) after the lock is released, 17 tries a second; 10 ms: stalls of 15 ms
 * and the thread blocked ~15% of the wait, taken no sooner (34 ms). Hence 0.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  Kysely,
  SqliteDialect,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import { migrate, pendingMigrations } from './migrate.ts';
import type { Schema } from './schema.ts';
import { errorCode, withStorageRetry, type StorageRetryOptions } from './storage-retry.ts';
import type { Store } from './store.ts';

export interface SqliteStoreOptions {
  /** Longest total wait for a busy database before `storage_busy` (EDITIONS_STORAGE_WAIT_MS). */
  waitMs?: number;
  /** SQLite's own busy timeout: how long one attempt may block the thread waiting for a lock. */
  busyTimeoutMs?: number;
}

export const defaultStorageWaitMs = 5000;
export const defaultBusyTimeoutMs = 0;

/** SQLite's transient refusals: another connection holds a lock (SQLITE_BUSY*, SQLITE_LOCKED*). */
export function isSqliteTransient(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}

export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const waitMs = options.waitMs ?? defaultStorageWaitMs;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // Opening happens once, before anything is served: it may block for the whole wait (another
  // process holding the lock).
  const database = new Database(path, { timeout: Math.max(waitMs, 1) });
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  const retry: Omit<StorageRetryOptions, 'beforeWait' | 'afterWait'> = { waitMs, isTransient: isSqliteTransient };
  const driver = new RetryingSqliteDriver(database, retry);
  const db = new Kysely<Schema>({
    dialect: new (class extends SqliteDialect {
      override createDriver(): Driver {
        return driver;
      }
    })({ database }),
  });
  // Kysely runs SQLite migrations outside a transaction and takes no lock: two processes
  // opening a new file at once would both create the tables. The write lock, taken for the
  // whole migration (DDL is transactional in SQLite), makes the second wait and then find them
  // applied; the lock is asked for without blocking the thread (another store in this process
  // may hold it) and retried asynchronously up to the wait.
  // A database already current needs no lock (reads go on under another writer in WAL).
  database.pragma('busy_timeout = 0');
  if ((await pendingMigrations(db)).length > 0) await withStorageRetry(async () => {
    database.prepare('begin immediate').run();
    try {
      await migrate(db);
      database.prepare('commit').run();
    } catch (error) {
      if (database.inTransaction) database.prepare('rollback').run();
      throw error;
    }
  }, retry);
  database.pragma(`busy_timeout = ${options.busyTimeoutMs ?? defaultBusyTimeoutMs}`);
  return {
    dialect: 'sqlite',
    db,
    isTransient: isSqliteTransient,
    transaction: (fn) =>
      // Each attempt takes the connection and gives it back: other queries run while this one waits.
      withStorageRetry(
        () =>
          db.connection().execute(async (conn) => {
            database.prepare('begin immediate').run();
            try {
              // The connection is the transaction: the same query builder, on the one connection.
              const result = await fn(conn as unknown as Transaction<Schema>);
              database.prepare('commit').run();
              return result;
            } catch (error) {
              // Some errors (SQLITE_BUSY on commit among them) may have ended the transaction already.
              if (database.inTransaction) database.prepare('rollback').run();
              throw error;
            }
          }),
        retry,
      ),
    close: () => db.destroy(),
  };
}

/** One connection for the process, taken in turn (as Kysely's own SqliteDriver does). */
class ConnectionMutex {
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  unlock(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }
}

/**
 * Kysely's SqliteDriver, but a statement outside a transaction that meets a busy database is
 * tried again asynchronously, the connection given back while it waits (no transaction is
 * open on it, so another query may use it meanwhile).
 */
class RetryingSqliteDriver implements Driver {
  private readonly mutex = new ConnectionMutex();
  private readonly connection: DatabaseConnection;

  constructor(
    private readonly database: Database.Database,
    retry: Omit<StorageRetryOptions, 'beforeWait' | 'afterWait'>,
  ) {
    const mutex = this.mutex;
    const run = (query: CompiledQuery): QueryResult<unknown> => {
      const statement = database.prepare(query.sql);
      if (statement.reader) return { rows: statement.all(query.parameters) };
      const { changes, lastInsertRowid } = statement.run(query.parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    this.connection = {
      executeQuery: async <R>(query: CompiledQuery) => {
        try {
          return run(query) as QueryResult<R>;
        } catch (error) {
          // Inside a transaction, a refusal goes to whoever runs the transaction (it retries it whole).
          if (database.inTransaction || !retry.isTransient(error)) throw error;
        }
        return withStorageRetry(async () => run(query) as QueryResult<R>, {
          ...retry,
          isTransient: (error) => !database.inTransaction && retry.isTransient(error),
          beforeWait: () => mutex.unlock(),
          afterWait: () => mutex.lock(),
        });
      },
      streamQuery: () => {
        throw new Error('streaming is not used');
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.database.close();
  }
}
