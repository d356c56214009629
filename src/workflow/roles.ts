/** Roles per locale, and the checks operations make before they change anything. */
import { DomainError } from '../errors.ts';

export const roleNames = ['translator', 'reviewer', 'publisher', 'admin'] as const;
export type RoleName = (typeof roleNames)[number];

export interface RoleGrant {
  role: RoleName;
  /** A BCP 47 tag, or `*` for every locale. */
  locale: string;
}

export interface Actor {
  id: string;
  name: string;
  roles: readonly RoleGrant[];
}

/**
 * Admin is global: only an `admin` grant for `*` makes an admin (users, webhooks, global
 * settings, every role everywhere). A grant of `admin` for one locale (refused at user
 * creation; possible only in an older database) is that locale's translator, reviewer and
 * publisher, and never an admin.
 */
export function isAdmin(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'admin' && r.locale === '*');
}

export function hasRole(actor: Actor, role: RoleName, locale: string): boolean {
  if (isAdmin(actor)) return true;
  return actor.roles.some((r) => (r.role === role || (r.role === 'admin' && role !== 'admin')) && (r.locale === '*' || r.locale === locale));
}

/** Refuses unless the actor holds one of the roles for the locale (admins hold all). */
export function requireRole(actor: Actor, roles: readonly RoleName[], locale: string): void {
  if (roles.some((role) => hasRole(actor, role, locale))) return;
  throw new DomainError('forbidden', `${actor.name} is not ${roles.join(' or ')} for ${locale}`, { roles, locale });
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new DomainError('forbidden', `${actor.name} is not an admin`, { roles: ['admin'] });
}

/**
 * What each action asks for, in one place: the operations refuse with `requireCan`, and the
 * pages ask `can` to offer only what would be accepted (a translator sees no Import, Publish
 * or Approve button). The locale is the one acted on (a statement's source locale for import).
 */
export const actionRoles = {
  import: ['publisher'],
  translate: ['translator'],
  draft: ['translator', 'publisher'],
  review: ['reviewer'],
  comment: ['translator', 'reviewer'],
  publish: ['publisher'],
  manageUsers: ['admin'],
} as const satisfies Record<string, readonly RoleName[]>;

export type Action = keyof typeof actionRoles;

/** May the actor do this for this locale? Without a locale: for at least one locale (e.g. to show a form that asks for it). */
export function can(actor: Actor, action: Action, locale?: string): boolean {
  if (action === 'manageUsers') return isAdmin(actor);
  const roles: readonly RoleName[] = actionRoles[action];
  if (locale !== undefined) return roles.some((role) => hasRole(actor, role, locale));
  return isAdmin(actor) || actor.roles.some((r) => roles.includes(r.role) || (r.role === 'admin' && r.locale !== '*'));
}

/** Refuses (forbidden) unless `can(actor, action, locale)`. */
export function requireCan(actor: Actor, action: Action, locale: string): void {
  if (action === 'manageUsers') return requireAdmin(actor);
  requireRole(actor, actionRoles[action], locale);
}
