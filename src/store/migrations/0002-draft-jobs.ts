/** Persisted machine-draft jobs and their progress per locale. */
import type { Kysely, Migration } from 'kysely';

export const draftJobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('draft_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('requested_provider', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('draft_jobs_status').on('draft_jobs').columns(['status']).execute();
    await db.schema
      .createTable('draft_job_locales')
      .addColumn('job_id', 'text', (c) => c.notNull().references('draft_jobs.id'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('provider', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('done', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('from_memory', 'integer', (c) => c.notNull())
      .addColumn('flagged', 'integer', (c) => c.notNull())
      .addColumn('failed', 'integer', (c) => c.notNull())
      .addColumn('billed_characters', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('draft_job_locales_pk', ['job_id', 'locale'])
      .execute();
  },
};
