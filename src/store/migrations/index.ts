/** Every migration, in order. Applied at start by the Kysely Migrator. */
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.ts';
import { draftJobs } from './0002-draft-jobs.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-draft-jobs': draftJobs,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
