/**
 * Signing in with a token (→ a session cookie), signing out, choosing the page language.
 * Signing in has no session yet: besides the Origin check, the form carries a random token
 * that must match a short-lived cookie (double submit), so no other site can sign someone in.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { closeSession, openSession } from '../../src/operations/sessions.ts';
import { uiLanguages } from '../i18n.ts';
import { errorText, pageStatus } from './error-text.ts';
import { formInput } from './form-input.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { languageCookie } from './page-language.ts';
import { renderPage } from './render-page.ts';
import { safePath } from './safe-path.ts';
import { clearSessionCookie, isHttps, writeSessionCookie } from './session-cookie.ts';
import { SignInPage } from './sign-in-page.tsx';

const SignInForm = z.object({ token: z.string().max(1000).optional() });
const LanguageForm = z.object({ lang: z.string().refine((l) => uiLanguages.includes(l)).catch('en') });

const formCookie = 'editions_sign_in';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function signInRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();

  const show = (c: Context<PageEnv>, next: string, error?: unknown) => {
    const formToken = randomBytes(24).toString('base64url');
    setCookie(c, formCookie, formToken, { httpOnly: true, sameSite: 'Strict', path: '/sign-in', secure: isHttps(c), maxAge: 3600 });
    const done = c.req.query('signedOut') === '1' ? c.get('t')('signIn.signedOut') : undefined;
    return renderPage(c, <SignInPage vars={varsOf(c)} formToken={formToken} next={next} error={error === undefined ? undefined : errorText(c.get('t'), error)} done={done} />, pageStatus(error));
  };

  app.get('/', (c) => c.redirect(c.get('session') ? '/statements' : '/sign-in', 303));

  app.get('/sign-in', (c) => {
    if (c.get('session')) return c.redirect(safePath(c.req.query('next')), 303);
    return show(c, safePath(c.req.query('next')));
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const next = safePath(body.next);
    const expected = getCookie(c, formCookie) ?? '';
    if (typeof body.form_token !== 'string' || !sameToken(body.form_token, expected)) {
      return show(c, next, new DomainError('forbidden', 'The sign-in form is out of date', { field: 'form_token' }));
    }
    try {
      // No token at all is the operation's refusal (unauthenticated), as with a wrong one.
      const { token } = formInput(SignInForm, { token: body.token });
      const opened = await openSession(ctx, token);
      if (c.get('sessionId')) await closeSession(ctx, c.get('sessionId'));
      writeSessionCookie(c, opened.sessionId);
      deleteCookie(c, formCookie, { path: '/sign-in' });
      return c.redirect(next, 303);
    } catch (error) {
      return show(c, next, error);
    }
  });

  app.post('/sign-out', async (c) => {
    await closeSession(ctx, c.get('sessionId'));
    clearSessionCookie(c);
    return c.redirect('/sign-in?signedOut=1', 303);
  });

  app.post('/language', async (c) => {
    const body = await c.req.parseBody();
    // A language the interface does not have falls back to English (a preference, not an error).
    const { lang } = formInput(LanguageForm, { lang: body.lang });
    setCookie(c, languageCookie, lang, { path: '/', sameSite: 'Lax', secure: isHttps(c), maxAge: 365 * 24 * 3600 });
    return c.redirect(safePath(body.back), 303);
  });

  return app;
}

