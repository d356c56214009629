/**
 * One-time sign-in links (issue 16): an admin hands a new volunteer a link instead of a raw
 * token. The link carries a random token (only its sha256 hash is stored) that expires after
 * `ctx.signInLinkLifetimeMs` (7 days by default) and signs in once: using it opens a session
 * with a token made for that session (never shown), and the link is spent. Opening the link's
 * page changes nothing (link scanners in mail do not spend it); the page's button does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { requireAdmin, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { openSession, type OpenedSession } from './sessions.ts';
import { hashToken, newToken } from './users.ts';
import type { Db } from '../store/store.ts';

export const defaultSignInLinkLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export interface SignInLink {
  /** The secret, given once (in the link's path); only its hash is kept. */
  token: string;
  /** `/sign-in/link/{token}`: the page that signs in. */
  path: string;
  userId: string;
  name: string;
  expiresAt: string;
}

/** An admin creates a sign-in link for a user (not a revoked one). */
export async function createSignInLink(ctx: OperationContext, actor: Actor, userId: string): Promise<SignInLink> {
  requireAdmin(actor);
  const token = `esl_${randomBytes(32).toString('base64url')}`;
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + (ctx.signInLinkLifetimeMs ?? defaultSignInLinkLifetimeMs)).toISOString();
  const name = await ctx.store.transaction(async (trx) => {
    const user = await trx.selectFrom('users').select(['name', 'revoked_at']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new DomainError('user_not_found', `No user ${JSON.stringify(userId)}`, { userId });
    if (user.revoked_at) throw new DomainError('user_invalid', `${user.name} is revoked: give them a new token first`, { field: 'id' });
    await trx
      .insertInto('sign_in_links')
      .values({ id: randomUUID(), token_hash: hashToken(token), user_id: userId, created_by: actor.id, created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
      .execute();
    return user.name;
  });
  return { token, path: `/sign-in/link/${token}`, userId, name, expiresAt };
}

/** The link's row if it can still be used; refuses with why not. */
async function usableLink(ctx: OperationContext, db: Db, token: string) {
  const row = token
    ? await db
        .selectFrom('sign_in_links')
        .innerJoin('users', 'users.id', 'sign_in_links.user_id')
        .select(['sign_in_links.id', 'sign_in_links.user_id', 'sign_in_links.expires_at', 'sign_in_links.used_at', 'users.name', 'users.revoked_at'])
        .where('sign_in_links.token_hash', '=', hashToken(token))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('sign_in_link_invalid', 'This sign-in link is not known');
  if (row.used_at) throw new DomainError('sign_in_link_used', 'This sign-in link has been used already', { usedAt: row.used_at });
  if (row.revoked_at) throw new DomainError('sign_in_link_used', 'This sign-in link has been used already', { usedAt: row.revoked_at });
  if (row.expires_at <= iso(ctx)) throw new DomainError('sign_in_link_expired', 'This sign-in link has expired', { expiresAt: row.expires_at });
  return row;
}

/** Who a link would sign in, without spending it (the page that asks to confirm). */
export async function checkSignInLink(ctx: OperationContext, token: string): Promise<{ name: string; expiresAt: string }> {
  const row = await usableLink(ctx, ctx.store.db, token);
  return { name: row.name, expiresAt: row.expires_at };
}

/**
 * Uses a link: it is spent and a session opened, in one transaction with the check (two
 * browsers using it at once: one session; the other is told it was used).
 */
export async function useSignInLink(ctx: OperationContext, token: string): Promise<OpenedSession> {
  const sessionToken = newToken();
  const at = iso(ctx);
  await ctx.store.transaction(async (trx) => {
    const row = await usableLink(ctx, trx, token);
    const spent = await trx.updateTable('sign_in_links').set({ used_at: at }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw new DomainError('sign_in_link_used', 'This sign-in link has been used already', { usedAt: at });
    await trx.insertInto('tokens').values({ id: randomUUID(), user_id: row.user_id, token_hash: hashToken(sessionToken), created_at: at, revoked_at: null }).execute();
  });
  return openSession(ctx, sessionToken);
}
