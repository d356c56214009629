/**
 * Comment threads of a translation (issue 16): per segment (`segment_id`), or the translation's
 * general thread (`segment_id` null). A reviewer's "request changes" comment lands here too
 * (`kind` 'request_changes'). Never updated. Portable types only.
 */
import type { Kysely, Migration } from 'kysely';

export const segmentComments: Migration = {
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('segment_comments').execute();
  },
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('segment_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('translation_id', 'text', (c) => c.notNull().references('translations.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('segment_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('author_role', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('segment_comments_thread').on('segment_comments').columns(['translation_id', 'segment_id', 'at']).execute();
  },
};
