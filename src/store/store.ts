/**
 * The storage port: a Kysely instance over one schema, and transactions. Queries are
 * written once (src/store/queries) and run on every dialect.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.ts';

export type Db = Kysely<Schema> | Transaction<Schema>;

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<Schema>;
  /**
   * Runs fn in one transaction: all of it is written, or none. A transient refusal of the
   * database (isTransient) runs fn again after an asynchronous backoff, up to the store's wait;
   * then DomainError `storage_busy`. fn must not have effects outside the transaction.
   */
  transaction<T>(fn: (trx: Transaction<Schema>) => Promise<T>): Promise<T>;
  /**
   * The dialect's classification of a transient failure, worth trying again: SQLite's
   * SQLITE_BUSY / SQLITE_LOCKED; PostgreSQL's (issue 15) dropped connections (ECONNRESET,
   * ECONNREFUSED, 57P01 admin_shutdown, 08xxx connection exceptions), 40001 and 40P01.
   */
  isTransient(error: unknown): boolean;
  close(): Promise<void>;
}

/** A unique or primary-key constraint refused the write (a concurrent writer won). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
