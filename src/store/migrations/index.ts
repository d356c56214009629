/** Every migration, in order. Applied at start by the Kysely Migrator. */
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.ts';
import { draftJobs } from './0002-draft-jobs.ts';
import { publishingOutputs } from './0003-publishing-outputs.ts';
import { deliveryEdition } from './0005-delivery-edition.ts';
import { sessions } from './0004-sessions.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-draft-jobs': draftJobs,
  '0003-publishing-outputs': publishingOutputs,
  '0004-sessions': sessions,
  '0005-delivery-edition': deliveryEdition,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
