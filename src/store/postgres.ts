/**
 * PostgreSQL, for several instances on one database: Kysely over `pg`'s pool.
 *
 * Every transaction runs SERIALIZABLE: a transaction that reads and then writes (publishing
 * supersedes the live edition, a source revision takes the next number, a segment save checks
 * the version it was given) behaves as if it ran alone, as it does on SQLite where one writer
 * goes at a time. When PostgreSQL cannot keep that promise it refuses one transaction with a
 * serialization failure (40001) or a deadlock (40P01); the whole transaction then runs again
 * after an asynchronous backoff (src/store/storage-retry.ts), and reads what the winner wrote.
 * See docs/domain.md ("Concurrent writers").
 *
 * A dropped connection (the server restarted, a network cut) is transient too: a statement
 * outside a transaction, or a whole transaction, is tried again on a fresh connection until
 * EDITIONS_STORAGE_WAIT_MS is spent; then `storage_busy` (503 with Retry-After).
 */
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { migrate } from './migrate.ts';
import type { Schema } from './schema.ts';
import { errorCode, withStorageRetry, type StorageRetryOptions } from './storage-retry.ts';
import type { Store } from './store.ts';

export interface PostgresStoreOptions {
  /** Longest total wait for an unavailable database before `storage_busy` (EDITIONS_STORAGE_WAIT_MS). */
  waitMs?: number;
  /** Connections in this instance's pool (EDITIONS_DB_POOL_SIZE). */
  poolSize?: number;
  /** The schema to use (tests give each store its own); PostgreSQL's search_path. */
  schema?: string;
  /** Told of a connection error that happened while no query was running (logged by the service). */
  onIdleError?: (error: Error) => void;
}

export const defaultPoolSize = 10;

/**
 * PostgreSQL's transient refusals: serialization failure and deadlock (run the transaction
 * again), a server shutting down or starting (57P01-57P03), a connection exception (08xxx),
 * too many connections (53300), and a connection cut under the client.
 */
export function isPostgresTransient(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined) {
    if (code === '40001' || code === '40P01' || code === '53300' || /^57P0[123]$/.test(code) || /^08/.test(code)) return true;
    if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
  }
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /Connection terminated|Client has encountered a connection error|connection is closed/i.test(message);
}

// 64-bit integers (count(*), sum of integers) and numerics come back as numbers, as on SQLite:
// every count here is far below 2^53.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const waitMs = options.waitMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? defaultPoolSize,
    types,
    connectionTimeoutMillis: Math.max(waitMs, 1000),
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
  });
  // A connection that dies while idle in the pool (the server restarted) is an 'error' event:
  // without a listener it would end the process. The pool drops that connection by itself.
  pool.on('error', (error) => options.onIdleError?.(error));
  const retry: StorageRetryOptions = { waitMs, isTransient: isPostgresTransient };
  const driver = new RetryingPostgresDriver(pool, retry);
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
  const db = new Kysely<Schema>({ dialect });
  try {
    await withStorageRetry(() => migrate(db), retry);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    dialect: 'postgres',
    db,
    isTransient: isPostgresTransient,
    transaction: (fn) => withStorageRetry(() => db.transaction().setIsolationLevel('serializable').execute(fn), retry),
    close: () => db.destroy(),
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A connection as Kysely sees it. Outside a transaction each query takes a pooled connection
 * for itself (pool.query), so a dropped connection is retried on a fresh one; a transaction
 * holds one client from BEGIN to COMMIT or ROLLBACK.
 */
class PostgresConnection implements DatabaseConnection {
  private client: pg.PoolClient | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly retry: StorageRetryOptions,
  ) {}

  async begin(settings: TransactionSettings): Promise<void> {
    this.client = await this.pool.connect();
    let statement = 'start transaction';
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) statement += ` ${settings.accessMode}`;
    try {
      await this.client.query(statement);
    } catch (error) {
      this.end(error);
      throw error;
    }
  }

  async finish(command: 'commit' | 'rollback'): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await client.query(command);
      this.end();
    } catch (error) {
      this.end(error);
      // A rollback that fails (the connection is gone) leaves nothing to undo: the server
      // rolled back when the connection dropped. A failed commit is the caller's to handle.
      if (command === 'commit') throw error;
    }
  }

  /** Gives the transaction's client back; with an error, the pool discards it. */
  private end(error?: unknown): void {
    const client = this.client;
    this.client = undefined;
    client?.release(error instanceof Error ? error : undefined);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const parameters = query.parameters as unknown[];
    if (this.client) return toResult<R>(await this.client.query(query.sql, parameters));
    return withStorageRetry(async () => toResult<R>(await this.pool.query(query.sql, parameters)), this.retry);
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used');
  }
}

function toResult<R>(result: pg.QueryResult): QueryResult<R> {
  const affects = result.command === 'INSERT' || result.command === 'UPDATE' || result.command === 'DELETE' || result.command === 'MERGE';
  return {
    rows: result.rows as R[],
    ...(affects && result.rowCount !== null ? { numAffectedRows: BigInt(result.rowCount) } : {}),
  };
}

class RetryingPostgresDriver implements Driver {
  constructor(
    private readonly pool: pg.Pool,
    private readonly retry: StorageRetryOptions,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PostgresConnection(this.pool, this.retry);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await (connection as PostgresConnection).begin(settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PostgresConnection).finish('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PostgresConnection).finish('rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as PostgresConnection).finish('rollback');
  }

  async destroy(): Promise<void> {
    await this.pool.end();
  }
}
