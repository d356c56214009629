/**
 * A folded copy of each revision's title for case-insensitive search that behaves the same on
 * SQLite and PostgreSQL (src/search-text.ts); existing revisions are filled in here.
 */
import type { Kysely, Migration } from 'kysely';
import { searchTextOf } from '../../search-text.ts';

export const searchText: Migration = {
  async down(db: Kysely<any>) {
    await db.schema.alterTable('source_revisions').dropColumn('search_text').execute();
  },
  async up(db: Kysely<any>) {
    await db.schema.alterTable('source_revisions').addColumn('search_text', 'text').execute();
    // Backfill in batches by id (any number of revisions, bounded memory).
    let after = '';
    for (;;) {
      const rows = (await db
        .selectFrom('source_revisions')
        .select(['id', 'title'])
        .where('id', '>', after)
        .where('title', 'is not', null)
        .orderBy('id')
        .limit(500)
        .execute()) as { id: string; title: string }[];
      if (rows.length === 0) break;
      for (const r of rows) await db.updateTable('source_revisions').set({ search_text: searchTextOf(r.title) }).where('id', '=', r.id).execute();
      after = rows[rows.length - 1]!.id;
    }
  },
};
