/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the page was asked for over
 * https (directly or through a proxy that says so with X-Forwarded-Proto).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionLifetimeMs } from '../../src/operations/sessions.ts';

export const sessionCookie = 'editions_session';

export function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, sessionCookie) || undefined;
}

export function writeSessionCookie(c: Context, sessionId: string): void {
  setCookie(c, sessionCookie, sessionId, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c), maxAge: Math.floor(sessionLifetimeMs / 1000) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookie, { path: '/', secure: isHttps(c) });
}
