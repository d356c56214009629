/**
 * Browser sessions of the web pages: a random id given to the browser in an HttpOnly cookie,
 * stored here only as its sha256 hash, with the token it was opened with (revoking the token
 * ends its sessions), a per-session CSRF token and an expiry.
 */
import type { Kysely, Migration } from 'kysely';

export const sessions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('token_id', 'text', (c) => c.notNull().references('tokens.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_expires').on('sessions').columns(['expires_at']).execute();
  },
};
