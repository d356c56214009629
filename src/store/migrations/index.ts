/** Every migration, in order. Applied at start by the Kysely Migrator. */
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
