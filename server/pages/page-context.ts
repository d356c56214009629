/**
 * Middleware of every page: security headers (a strict Content-Security-Policy: scripts and
 * styles only from this site, no framing), the session from its cookie, the language.
 */
import { createMiddleware } from 'hono/factory';
import type { OperationContext } from '../../src/operations/context.ts';
import { findSession } from '../../src/operations/sessions.ts';
import type { PageEnv } from './page-env.ts';
import { directionOf, pageLanguage, pageTranslate } from './page-language.ts';
import { readSessionCookie } from './session-cookie.ts';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function pageContext(ctx: OperationContext) {
  return createMiddleware<PageEnv>(async (c, next) => {
    const sessionId = readSessionCookie(c);
    c.set('sessionId', sessionId);
    c.set('session', await findSession(ctx, sessionId));
    const lang = pageLanguage(c);
    c.set('lang', lang);
    c.set('dir', directionOf(lang));
    c.set('t', pageTranslate(lang));
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Cookie, Accept-Language');
  });
}
