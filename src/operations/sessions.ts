/**
 * Browser sessions for the web pages: opened with an API token (the same tokens as the
 * API's), identified by a random id that only the browser holds (the database keeps its
 * sha256 hash), each with its own CSRF token. A session ends when it is closed, when it
 * expires, or when the token it was opened with is revoked.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.ts';
import type { Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { authenticate, hashToken } from './users.ts';

export const sessionLifetimeMs = 12 * 60 * 60 * 1000;

export interface OpenedSession {
  /** Given to the browser once, never stored. */
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: string;
}

export interface ActiveSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: string;
}

/** Signs in with a token: a new session (the token is checked as the API checks it). */
export async function openSession(ctx: OperationContext, token: string | undefined): Promise<OpenedSession> {
  const actor = await authenticate(ctx, token?.trim() || undefined);
  const tokenRow = await ctx.store.db.selectFrom('tokens').select('id').where('token_hash', '=', hashToken(token!.trim())).executeTakeFirstOrThrow();
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs).toISOString();
  await ctx.store.transaction(async (trx) => {
    // Expired sessions are swept whenever someone signs in.
    await trx.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    await trx
      .insertInto('sessions')
      .values({ id_hash: hashToken(sessionId), user_id: actor.id, token_id: tokenRow.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt })
      .execute();
  });
  return { sessionId, csrfToken, actor, expiresAt };
}

/** The session a cookie names, or null when there is none (unknown, expired, token revoked). */
export async function findSession(ctx: OperationContext, sessionId: string | undefined): Promise<ActiveSession | null> {
  if (!sessionId) return null;
  const row = await ctx.store.db
    .selectFrom('sessions')
    .innerJoin('tokens', 'tokens.id', 'sessions.token_id')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', hashToken(sessionId))
    .where('sessions.expires_at', '>', iso(ctx))
    .where('tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const roles = await ctx.store.db.selectFrom('roles').select(['role', 'locale']).where('user_id', '=', row.id).execute();
  return { actor: { id: row.id, name: row.name, roles }, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

/** Signs out: the session is deleted (closing an unknown session is not an error). */
export async function closeSession(ctx: OperationContext, sessionId: string | undefined): Promise<void> {
  if (!sessionId) return;
  await ctx.store.transaction((trx) => trx.deleteFrom('sessions').where('id_hash', '=', hashToken(sessionId)).execute());
}

/** Refuses unless `given` is the session's CSRF token (compared in constant time). */
export function requireCsrf(session: ActiveSession, given: string | undefined): void {
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(given ?? '');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new DomainError('forbidden', 'The form is out of date or did not come from this site (CSRF token)', { field: 'csrf' });
  }
}
