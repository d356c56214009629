/** Applies pending migrations; refuses to start on a failed one. */
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import { DomainError } from '../errors.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Schema } from './schema.ts';

/**
 * The Migrator of this database. On PostgreSQL its own tables are named in the connection's
 * current schema: unnamed, Kysely looks for them in every schema the user may use, so a second
 * schema in one database (several test or bench schemas at once) found the first one's tables
 * and failed ("relation kysely_migration_lock does not exist").
 */
async function migratorOf(db: Kysely<Schema>): Promise<Migrator> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const schema = postgres ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  return new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/**
 * PostgreSQL: two instances starting at once both create Kysely's migration tables (`create
 * table if not exists` is not safe against a concurrent twin: 23505 on the type, or 42P07); the
 * loser runs again and finds them. The migrations themselves run under Kysely's advisory lock.
 * (SQLite takes its write lock around the whole migration: src/store/sqlite.ts.)
 */
function lostMigrationRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42P07';
}

export async function migrate(db: Kysely<Schema>): Promise<void> {
  let outcome = await (await migratorOf(db)).migrateToLatest();
  for (let attempt = 1; attempt < 5 && outcome.error && lostMigrationRace(outcome.error); attempt++) {
    outcome = await (await migratorOf(db)).migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new DomainError('storage_migration_failed', `Migration ${failed ?? '?'} failed: ${(error as Error).message}`, { migration: failed });
  }
}

/**
 * Undoes the migrations after `name`, newest first (each migration after 0006 has a `down`):
 * how a test puts a database back as it was before a later migration, to check its backfill.
 */
export async function migrateDownTo(db: Kysely<Schema>, name: string): Promise<void> {
  const { error } = await (await migratorOf(db)).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** The migrations this code has that the database has not applied (empty: current). */
export async function pendingMigrations(db: Kysely<Schema>): Promise<string[]> {
  const migrations = await (await migratorOf(db)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
