/**
 * One-time sign-in links (issue 16): an admin invites someone with a link instead of a raw
 * token. The link's random token is stored only as its sha256 hash; it expires, and it is
 * spent by its first use (`used_at`), which opens a session with a token made for it.
 * Users get `revoked_at` (revoked by an admin: no token, no link works until a new token).
 */
import type { Kysely, Migration } from 'kysely';

export const signInLinks: Migration = {
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('users').dropColumn('revoked_at').execute();
    await db.schema.dropTable('sign_in_links').execute();
  },
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    // A revoked user: every token revoked, links refused, until an admin gives a new token.
    await db.schema.alterTable('users').addColumn('revoked_at', 'text').execute();
    await db.schema.createIndex('sign_in_links_user').on('sign_in_links').columns(['user_id']).execute();
  },
};
