/**
 * Per-person reviewer display (issue 19): how a reviewer appears on readers' pages, `name`,
 * `initials`, `role` or `none`; null follows the site (EDITIONS_REVIEWER_DISPLAY). A person
 * may only be shown more privately than the site allows. Each edition records the choices its
 * reviewers had when it was published, so a later change does not alter published pages.
 */
import type { Kysely, Migration } from 'kysely';

export const reviewerDisplay: Migration = {
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('users').dropColumn('reviewer_display').execute();
  },
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('reviewer_display', 'text').execute();
  },
};
