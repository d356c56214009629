/** Users, their roles per locale, and bearer tokens (stored only as sha256 hashes). */
import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../hash.ts';
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import { requireAdmin, roleNames, type Actor, type RoleGrant, type RoleName } from '../workflow/roles.ts';
import { isUniqueViolation, type Db } from '../store/store.ts';
import { iso, type OperationContext } from './context.ts';
import { isReviewerDisplay, reviewerDisplays } from '../publishing/edition-footer.ts';
import type { ReviewerDisplay } from '../types/edition.ts';

export function hashToken(token: string): string {
  return sha256(token);
}

export function newToken(): string {
  return `edt_${randomBytes(24).toString('base64url')}`;
}

/** A user's name and roles are bounded (the API's schema refuses more with validation_failed). */
export const userBounds = { name: 200, roles: 100 } as const;

/** Rows per INSERT: far below SQLite's limit on bound variables whatever the input. */
const rowsPerInsert = 500;

function validRoles(roles: readonly { role: string; locale: string }[]): RoleGrant[] {
  if (!Array.isArray(roles) || roles.length === 0) throw new DomainError('user_invalid', 'A user needs at least one role', { field: 'roles' });
  if (roles.length > userBounds.roles) throw new DomainError('user_invalid', `A user has at most ${userBounds.roles} roles`, { field: 'roles' });
  return roles.map((r, i) => {
    if (!roleNames.includes(r.role as RoleName)) throw new DomainError('user_invalid', `Unknown role ${JSON.stringify(r.role)}`, { field: `roles.${i}.role` });
    const locale = r.locale === '*' ? '*' : canonicalLocale(r.locale);
    // Admin is global only (src/workflow/roles.ts): an admin "for one locale" is refused.
    if (r.role === 'admin' && locale !== '*') throw new DomainError('user_invalid', 'The admin role is granted for every locale (*) only', { field: `roles.${i}.locale` });
    return { role: r.role as RoleName, locale };
  });
}

/** Creates a user; the token is returned once and never stored. `actor` null: bootstrap. */
export async function createUser(
  ctx: OperationContext,
  actor: Actor | null,
  input: { name: string; roles: readonly { role: string; locale: string }[]; token?: string },
) {
  if (actor) requireAdmin(actor);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > userBounds.name) throw new DomainError('user_invalid', `A user needs a name (at most ${userBounds.name} characters)`, { field: 'name' });
  const roles = validRoles(input.roles);
  const token = input.token ?? newToken();
  const at = iso(ctx);
  const id = randomUUID();
  await ctx.store.transaction((trx) => insertUser(trx, { id, name, roles, token, at }));
  return { id, name, roles, token };
}

async function insertUser(trx: Db, user: { id: string; name: string; roles: readonly RoleGrant[]; token: string; at: string }): Promise<void> {
  const { id, at } = user;
  await trx.insertInto('users').values({ id, name: user.name, created_at: at }).execute();
  const rows = [...new Map(user.roles.map((r) => [`${r.role}|${r.locale}`, r])).values()].map((r) => ({ user_id: id, role: r.role, locale: r.locale }));
  for (let i = 0; i < rows.length; i += rowsPerInsert) await trx.insertInto('roles').values(rows.slice(i, i + rowsPerInsert)).execute();
  await trx.insertInto('tokens').values({ id: randomUUID(), user_id: id, token_hash: hashToken(user.token), created_at: at, revoked_at: null }).execute();
}

export async function authenticate(ctx: OperationContext, token: string | undefined): Promise<Actor> {
  if (!token) throw new DomainError('unauthenticated', 'A bearer token is required');
  const row = await ctx.store.db
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select(['users.id', 'users.name'])
    .where('tokens.token_hash', '=', hashToken(token))
    .where('tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new DomainError('unauthenticated', 'The token is not valid');
  const roles = await ctx.store.db.selectFrom('roles').select(['role', 'locale']).where('user_id', '=', row.id).execute();
  return { id: row.id, name: row.name, roles };
}

/**
 * On first start with no users, an admin is created with the configured token, or a new one
 * that is returned (to be printed once). Several instances starting at once on an empty
 * database create one admin between them: the check and the insert are one transaction
 * (serialized: SQLite's one writer, PostgreSQL's serializable isolation, whose loser runs
 * again and finds the admin), and an instance that meets the configured token's unique key
 * (inserted by another instance meanwhile) has found the admin too. Those find null.
 */
export async function bootstrapAdmin(ctx: OperationContext, configuredToken: string | undefined) {
  const token = configuredToken ?? newToken();
  const at = iso(ctx);
  // A database with users needs no write (nor the write lock another process may hold).
  if (await ctx.store.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
  try {
    const created = await ctx.store.transaction(async (trx) => {
      if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return false;
      await insertUser(trx, { id: randomUUID(), name: 'admin', roles: [{ role: 'admin', locale: '*' }], token, at });
      return true;
    });
    if (!created) return null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  return { token, generated: configuredToken === undefined };
}

export interface UserSummary {
  id: string;
  name: string;
  roles: RoleGrant[];
  createdAt: string;
  /** When an admin revoked the user; null: active. */
  revokedAt: string | null;
  /** Tokens that still sign in (API tokens and those opened by sign-in links). */
  activeTokens: number;
  /** Sign-in links not used and not expired. */
  pendingLinks: number;
  /** How they appear as a reviewer on readers' pages; null: as the site says. */
  reviewerDisplay: ReviewerDisplay | null;
}

/** Every user with roles, for admins (three queries, whatever the number of users). */
export async function listUsers(ctx: OperationContext, actor: Actor): Promise<UserSummary[]> {
  requireAdmin(actor);
  const db = ctx.store.db;
  const [users, roles, tokens, links] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'created_at', 'revoked_at', 'reviewer_display']).orderBy('name').orderBy('id').execute(),
    db.selectFrom('roles').select(['user_id', 'role', 'locale']).orderBy('locale').orderBy('role').execute(),
    db.selectFrom('tokens').select(['user_id', (eb) => eb.fn.countAll<number>().as('n')]).where('revoked_at', 'is', null).groupBy('user_id').execute(),
    db.selectFrom('sign_in_links').select(['user_id', (eb) => eb.fn.countAll<number>().as('n')]).where('used_at', 'is', null).where('expires_at', '>', iso(ctx)).groupBy('user_id').execute(),
  ]);
  const tokenCount = new Map(tokens.map((t) => [t.user_id, Number(t.n)]));
  const linkCount = new Map(links.map((t) => [t.user_id, Number(t.n)]));
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ role: r.role as RoleName, locale: r.locale })),
    createdAt: u.created_at,
    revokedAt: u.revoked_at ?? null,
    activeTokens: tokenCount.get(u.id) ?? 0,
    pendingLinks: linkCount.get(u.id) ?? 0,
    reviewerDisplay: isReviewerDisplay(u.reviewer_display) ? u.reviewer_display : null,
  }));
}

async function userById(trx: Db, userId: string) {
  const user = await trx.selectFrom('users').select(['id', 'name', 'revoked_at']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DomainError('user_not_found', `No user ${JSON.stringify(userId)}`, { userId });
  return user;
}

/**
 * A new token for a user (shown once): every other token of theirs is revoked (their
 * sessions end), and so is every unused sign-in link (a link sent before the rotation
 * answers as a used one). A revoked user is given access again.
 */
export async function rotateToken(ctx: OperationContext, actor: Actor, userId: string) {
  requireAdmin(actor);
  const token = newToken();
  const at = iso(ctx);
  const name = await ctx.store.transaction(async (trx) => {
    const user = await userById(trx, userId);
    await trx.updateTable('tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await trx.updateTable('sign_in_links').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
    await trx.updateTable('users').set({ revoked_at: null }).where('id', '=', userId).execute();
    await trx.insertInto('tokens').values({ id: randomUUID(), user_id: userId, token_hash: hashToken(token), created_at: at, revoked_at: null }).execute();
    return user.name;
  });
  return { id: userId, name, token };
}

/**
 * Revokes a user: every token (so every session) and every unused sign-in link. Admins cannot
 * revoke themselves (nobody would be left to undo it). Revoking twice changes nothing more.
 */
export async function revokeUser(ctx: OperationContext, actor: Actor, userId: string) {
  requireAdmin(actor);
  if (userId === actor.id) throw new DomainError('user_invalid', 'You cannot revoke yourself', { field: 'id' });
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const user = await userById(trx, userId);
    const revokedAt = user.revoked_at ?? at;
    if (!user.revoked_at) await trx.updateTable('users').set({ revoked_at: at }).where('id', '=', userId).execute();
    await trx.updateTable('tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await trx.updateTable('sign_in_links').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
    return { id: userId, name: user.name, revokedAt };
  });
}

/**
 * How a user appears as a reviewer on readers' pages: `name`, `initials`, `role` (counted,
 * not named) or `none`; null follows the site (EDITIONS_REVIEWER_DISPLAY). A person may ask
 * for more privacy than the site's setting, never less: the pages show the more private of
 * the two. Editions record the choice at publication; a change applies to later publications.
 * Users set their own; admins anyone's.
 */
export async function setReviewerDisplay(ctx: OperationContext, actor: Actor, userId: string, display: unknown) {
  if (userId !== actor.id) requireAdmin(actor);
  if (display !== null && !isReviewerDisplay(display)) {
    throw new DomainError('user_invalid', `reviewerDisplay is one of ${reviewerDisplays.join(', ')} or null`, { field: 'reviewerDisplay' });
  }
  return ctx.store.transaction(async (trx) => {
    const user = await userById(trx, userId);
    await trx.updateTable('users').set({ reviewer_display: display }).where('id', '=', userId).execute();
    return { id: userId, name: user.name, reviewerDisplay: display };
  });
}

/** A user's own reviewer display choice (null: as the site says). */
export async function reviewerDisplayOf(ctx: OperationContext, actor: Actor, userId: string): Promise<{ id: string; name: string; reviewerDisplay: ReviewerDisplay | null }> {
  if (userId !== actor.id) requireAdmin(actor);
  const row = await ctx.store.db.selectFrom('users').select(['id', 'name', 'reviewer_display']).where('id', '=', userId).executeTakeFirst();
  if (!row) throw new DomainError('user_not_found', `No user ${JSON.stringify(userId)}`, { userId });
  return { id: row.id, name: row.name, reviewerDisplay: isReviewerDisplay(row.reviewer_display) ? row.reviewer_display : null };
}
