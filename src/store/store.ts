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
  /** Runs fn in one transaction: all of it is written, or none. */
  transaction<T>(fn: (trx: Transaction<Schema>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique or primary-key constraint refused the write (a concurrent writer won). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
