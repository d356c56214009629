/** Users, their roles per locale, and bearer tokens (stored only as sha256 hashes). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import { requireAdmin, roleNames, type Actor, type RoleGrant, type RoleName } from '../workflow/roles.ts';
import { isUniqueViolation, type Db } from '../store/store.ts';
import { iso, type OperationContext } from './context.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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
