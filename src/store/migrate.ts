/** Applies pending migrations; refuses to start on a failed one. */
import { Migrator, type Kysely } from 'kysely';
import { DomainError } from '../errors.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Schema } from './schema.ts';

export async function migrate(db: Kysely<Schema>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new DomainError('storage_migration_failed', `Migration ${failed ?? '?'} failed: ${(error as Error).message}`, { migration: failed });
  }
}

/** The migrations this code has that the database has not applied (empty: current). */
export async function pendingMigrations(db: Kysely<Schema>): Promise<string[]> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
