/**
 * Draft jobs are claimed with a lease, as webhook deliveries are: the instance drafting a job
 * names itself (`lease_owner`) and holds it until `lease_until`, renewed while it runs. A job
 * left `waiting` after a transient failure has no owner and `lease_until` says when it is due
 * again; `waits` counts those rounds, for the backoff between them. See src/jobs/runner.ts.
 */
import type { Kysely, Migration } from 'kysely';

export const draftJobLeases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('draft_jobs').addColumn('lease_owner', 'text').execute();
    await db.schema.alterTable('draft_jobs').addColumn('lease_until', 'text').execute();
    await db.schema.alterTable('draft_jobs').addColumn('waits', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
