/** Pages that need a session: a page view is sent to sign in (and back), anything else refused. */
import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../src/errors.ts';
import type { ActiveSession } from '../../src/operations/sessions.ts';
import type { PageEnv } from './page-env.ts';

export function requireSignIn() {
  return createMiddleware<PageEnv>(async (c, next) => {
    if (c.get('session')) return next();
    if (c.req.method === 'GET') {
      const url = new URL(c.req.url);
      return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    throw new DomainError('unauthenticated', 'Sign in first');
  });
}

/** The session of a handler behind requireSignIn. */
export function sessionOf(c: { get: (key: 'session') => ActiveSession | null }): ActiveSession {
  const session = c.get('session');
  if (!session) throw new DomainError('unauthenticated', 'Sign in first');
  return session;
}
