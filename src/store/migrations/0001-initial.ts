/** The first schema. Portable column types only (text, integer), so every dialect runs it. */
import type { Kysely, Migration } from 'kysely';

export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('roles')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('roles_pk', ['user_id', 'role', 'locale'])
      .execute();
    await db.schema
      .createTable('statements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('source_locale', 'text', (c) => c.notNull())
      .addColumn('collection', 'text')
      .addColumn('current_revision', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('statements_created').on('statements').columns(['created_at', 'id']).execute();
    await db.schema
      .createTable('source_revisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('markdown', 'text', (c) => c.notNull())
      .addColumn('mdast', 'text', (c) => c.notNull())
      .addColumn('segments', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('source_revisions_number', ['statement_id', 'number'])
      .execute();
    await db.schema
      .createTable('translations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('submitted_revision', 'integer')
      .addColumn('submitted_by', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('translations_locale', ['statement_id', 'locale'])
      .execute();
    await db.schema
      .createTable('translation_segments')
      .addColumn('translation_id', 'text', (c) => c.notNull().references('translations.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('segment_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('text', 'text')
      .addColumn('machine_text', 'text')
      .addColumn('machine_provenance', 'text')
      .addColumn('last_editor', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('translation_segments_pk', ['translation_id', 'revision', 'segment_id'])
      .execute();
    await db.schema
      .createTable('segment_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('translation_id', 'text', (c) => c.notNull().references('translations.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('segment_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('text', 'text')
      .addColumn('machine_text', 'text')
      .addColumn('machine_provenance', 'text')
      .addColumn('actor', 'text')
      .addColumn('comment', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addUniqueConstraint('segment_history_version', ['translation_id', 'revision', 'segment_id', 'version'])
      .execute();
    await db.schema
      .createTable('translation_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('translation_id', 'text', (c) => c.notNull().references('translations.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('comment', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('translation_id', 'text', (c) => c.notNull().references('translations.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('segment_id', 'text')
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reviews_translation').on('reviews').columns(['translation_id', 'revision']).execute();
    await db.schema
      .createTable('editions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('source_revision', 'integer', (c) => c.notNull())
      .addColumn('markdown', 'text', (c) => c.notNull())
      .addColumn('mdast', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('approvals', 'text', (c) => c.notNull())
      .addColumn('provenance', 'text', (c) => c.notNull())
      .addColumn('supersedes', 'text')
      .addColumn('embargo_until', 'text')
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('visible_from', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text')
      .execute();
    await db.schema.createIndex('editions_live').on('editions').columns(['statement_id', 'locale', 'visible_from']).execute();
    await db.schema
      .createTable('edition_withdrawals')
      .addColumn('edition_id', 'text', (c) => c.primaryKey().references('editions.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('withdrawn_by', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('tm_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_locale', 'text', (c) => c.notNull())
      .addColumn('target_locale', 'text', (c) => c.notNull())
      .addColumn('source_hash', 'text', (c) => c.notNull())
      .addColumn('source_text', 'text', (c) => c.notNull())
      .addColumn('target_text', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('source_length', 'integer', (c) => c.notNull())
      .addColumn('target_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('tm_entries_unique', ['source_locale', 'target_locale', 'source_hash', 'target_hash', 'origin'])
      .execute();
    await db.schema.createIndex('tm_exact').on('tm_entries').columns(['source_locale', 'target_locale', 'source_hash']).execute();
    await db.schema.createIndex('tm_length').on('tm_entries').columns(['source_locale', 'target_locale', 'source_length']).execute();
    await db.schema
      .createTable('glossary_terms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('target_locale', 'text')
      .addColumn('target_text', 'text')
      .addColumn('variants', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('glossary_scope').on('glossary_terms').columns(['scope', 'target_locale']).execute();
  },
};
