/**
 * Middleware of every page: security headers (a strict Content-Security-Policy: scripts and
 * styles only from this site, no framing), the session from its cookie, the language.
 */
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { OperationContext } from '../../src/operations/context.ts';
import { findSession } from '../../src/operations/sessions.ts';
import { onlySecureHeaders } from '../public-headers.ts';
import type { PageEnv } from './page-env.ts';
import { directionOf, pageLanguage, pageTranslate } from './page-language.ts';
import { readSessionCookie } from './session-cookie.ts';

/**
 * The pages' security headers (hono/secure-headers): CSP, nosniff, Referrer-Policy
 * `same-origin`, X-Frame-Options `DENY`, and none of the library's other defaults. A header a
 * page set itself stands.
 */
const pageSecurity = secureHeaders({
  ...onlySecureHeaders,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'https:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xContentTypeOptions: true,
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  overwrite: false,
});

export function pageContext(ctx: OperationContext) {
  return createMiddleware<PageEnv>(async (c, next) => {
    const sessionId = readSessionCookie(c);
    c.set('sessionId', sessionId);
    c.set('session', await findSession(ctx, sessionId));
    const lang = pageLanguage(c);
    c.set('lang', lang);
    c.set('dir', directionOf(lang));
    c.set('t', pageTranslate(lang));
    await pageSecurity(c, next);
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Cookie, Accept-Language');
  });
}
