/**
 * Indexes that answer the listing's per-locale progress (and a translation's counts per state)
 * from the index alone, for the page's statements only, however many statements there are
 * (issue 15; read-statements.ts, docs/domain.md "Listing"):
 * - segments per translation, revision and state, with their versions (the counts and the tag);
 * - editions per statement and locale with their visible time and id (published and not
 *   withdrawn, without reading the editions' bodies).
 */
import type { Kysely, Migration } from 'kysely';

export const listingIndexes: Migration = {
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('editions_published').execute();
    await db.schema.dropIndex('translation_segments_progress').execute();
  },
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('translation_segments_progress').on('translation_segments').columns(['translation_id', 'revision', 'state', 'version']).execute();
    await db.schema.createIndex('editions_published').on('editions').columns(['statement_id', 'locale', 'visible_from', 'id']).execute();
  },
};
