/**
 * CSRF protection of every state-changing page request (anything but GET and HEAD): the
 * Origin header, when the browser sends one, must be this site; and, within a session, the
 * session's CSRF token must come back in the `_csrf` form field or the X-CSRF-Token header.
 * Requests without a session (signing in, choosing a language) are checked by origin, and
 * signing in also by its own double-submit token (sign-in-routes.tsx).
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../src/errors.ts';
import { requireCsrf } from '../../src/operations/sessions.ts';
import type { PageEnv } from './page-env.ts';
import { isHttps } from './session-cookie.ts';

export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  return origin === `${isHttps(c) ? 'https' : 'http'}://${host}`;
}

/** The CSRF token a request carries: header first, then a urlencoded or multipart field. */
export async function csrfTokenOf(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  const field = (await c.req.parseBody())._csrf;
  return typeof field === 'string' ? field : undefined;
}

export function csrfGuard() {
  return createMiddleware<PageEnv>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!sameOrigin(c)) throw new DomainError('forbidden', 'The request did not come from this site (Origin)', { field: 'origin' });
    const session = c.get('session');
    if (session) requireCsrf(session, await csrfTokenOf(c));
    await next();
  });
}
