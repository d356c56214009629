/**
 * Quality overrides, corrections, per-locale link targets, and webhooks with their
 * persisted deliveries (an outbox written in the same transaction as the publication).
 */
import type { Kysely, Migration } from 'kysely';

export const publishingOutputs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('finding_overrides')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('translation_id', 'text', (c) => c.notNull().references('translations.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('segment_id', 'text')
      .addColumn('rule', 'text', (c) => c.notNull())
      /** The segment text the override was given for: an edit makes it lapse. */
      .addColumn('text_hash', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('overridden_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('finding_overrides_translation').on('finding_overrides').columns(['translation_id', 'revision']).execute();

    await db.schema.alterTable('editions').addColumn('correction', 'text').execute();

    await db.schema
      .createTable('link_targets')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text', (c) => c.notNull())
      .addColumn('target_url', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('link_targets_pk', ['locale', 'source_url'])
      .execute();

    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_attempt_at', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('webhook_deliveries_webhook').on('webhook_deliveries').columns(['webhook_id', 'created_at']).execute();
  },
};
