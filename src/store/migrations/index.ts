/** Every migration, in order. Applied at start by the Kysely Migrator. */
import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.ts';
import { draftJobs } from './0002-draft-jobs.ts';
import { publishingOutputs } from './0003-publishing-outputs.ts';
import { deliveryEdition } from './0005-delivery-edition.ts';
import { sessions } from './0004-sessions.ts';
import { draftJobLeases } from './0006-draft-job-leases.ts';
import { searchText } from './0007-search-text.ts';
import { listingIndexes } from './0008-listing-indexes.ts';
import { signInLinks } from './0010-sign-in-links.ts';
import { segmentComments } from './0009-segment-comments.ts';
import { reviewerDisplay } from './0011-reviewer-display.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-draft-jobs': draftJobs,
  '0003-publishing-outputs': publishingOutputs,
  '0004-sessions': sessions,
  '0005-delivery-edition': deliveryEdition,
  '0006-draft-job-leases': draftJobLeases,
  '0007-search-text': searchText,
  '0008-listing-indexes': listingIndexes,
  '0009-segment-comments': segmentComments,
  '0010-sign-in-links': signInLinks,
  '0011-reviewer-display': reviewerDisplay,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
