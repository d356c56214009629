/**
 * Team pages (issue 16): /users for admins (create, new token, revoke, invite with a one-time
 * sign-in link), the link's own page /sign-in/link/{token} (GET shows a button, POST signs in:
 * link scanners that open it do not spend it), and /dashboard per locale. Operations own the
 * rules and the authorization.
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { localeDashboard } from '../../src/operations/dashboard.ts';
import { closeSession } from '../../src/operations/sessions.ts';
import { checkSignInLink, createSignInLink, useSignInLink } from '../../src/operations/sign-in-links.ts';
import { createUser, listUsers, revokeUser, rotateToken, setReviewerDisplay } from '../../src/operations/users.ts';
import { can, roleNames } from '../../src/workflow/roles.ts';
import { CreateUser } from '../schemas.ts';
import { DashboardPage } from './dashboard-page.tsx';
import { formInput } from './form-input.ts';
import { errorStatus, errorText, pageStatus } from './error-text.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import { writeSessionCookie } from './session-cookie.ts';
import { SignInLinkPage, UsersPage, type UsersPageProps } from './users-page.tsx';

export function teamRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();

  const showUsers = async (c: Context<PageEnv>, extra: Pick<UsersPageProps, 'secret' | 'done'> & { error?: unknown } = {}) => {
    const vars = varsOf(c);
    const users = await listUsers(ctx, sessionOf(c).actor);
    const error = extra.error === undefined ? undefined : errorText(vars.t, extra.error);
    return renderPage(c, <UsersPage vars={vars} users={users} secret={extra.secret} error={error} done={extra.done} />, pageStatus(extra.error));
  };
  const linkUrl = (c: Context, path: string) => new URL(path, c.req.url).toString();
  /** A refusal the page can show beside the list (anything else is the error page). */
  const orShow = async (c: Context<PageEnv>, work: () => Promise<Response>) => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden' || error.code === 'unauthenticated') throw error;
      return showUsers(c, { error });
    }
  };

  app.get('/users', (c) => showUsers(c));

  app.post('/users', (c) =>
    orShow(c, async () => {
      const actor = sessionOf(c).actor;
      const body = await c.req.parseBody();
      const roles = roleNames.flatMap((role) => {
        const field = body[`role_${role}`];
        return typeof field === 'string' ? field.split(/[\s,،]+/).filter(Boolean).map((locale) => ({ role, locale })) : [];
      });
      // The API's body schema (CreateUser): the roles are the fields role_<name>, each a list of locales.
      const created = await createUser(ctx, actor, formInput(CreateUser, { name: body.name, roles }));
      if (body.invite === '1') {
        const link = await createSignInLink(ctx, actor, created.id);
        return showUsers(c, { secret: { kind: 'link', name: created.name, value: linkUrl(c, link.path), expiresAt: link.expiresAt }, done: c.get('t')('users.created', { name: created.name }) });
      }
      return showUsers(c, { secret: { kind: 'token', name: created.name, value: created.token }, done: c.get('t')('users.created', { name: created.name }) });
    }),
  );

  app.post('/users/:id/token', (c) =>
    orShow(c, async () => {
      const rotated = await rotateToken(ctx, sessionOf(c).actor, c.req.param('id'));
      return showUsers(c, { secret: { kind: 'token', name: rotated.name, value: rotated.token } });
    }),
  );

  app.post('/users/:id/revoke', (c) =>
    orShow(c, async () => {
      const revoked = await revokeUser(ctx, sessionOf(c).actor, c.req.param('id'));
      return showUsers(c, { done: c.get('t')('users.revokedDone', { name: revoked.name }) });
    }),
  );

  // An empty choice: as the site says (null); anything else the operation judges.
  app.post('/users/:id/reviewer-display', (c) =>
    orShow(c, async () => {
      const field = (await c.req.parseBody()).reviewer_display;
      const saved = await setReviewerDisplay(ctx, sessionOf(c).actor, c.req.param('id'), field === '' || field === undefined ? null : field);
      return showUsers(c, { done: c.get('t')('users.reviewerDisplayDone', { name: saved.name }) });
    }),
  );

  app.post('/users/:id/sign-in-links', (c) =>
    orShow(c, async () => {
      const link = await createSignInLink(ctx, sessionOf(c).actor, c.req.param('id'));
      return showUsers(c, { secret: { kind: 'link', name: link.name, value: linkUrl(c, link.path), expiresAt: link.expiresAt } });
    }),
  );

  app.get('/sign-in/link/:token', async (c) => {
    const token = c.req.param('token');
    const vars = varsOf(c);
    try {
      const link = await checkSignInLink(ctx, token);
      // The page carries the secret in its address. The pages' Referrer-Policy (same-origin) never sends
      // it to another site; `no-referrer` would make the browser post its form with `Origin: null`,
      // which the CSRF guard refuses (Fetch: a no-referrer request's origin is serialised as null).
      return renderPage(c, <SignInLinkPage vars={vars} name={link.name} token={token} />);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return renderPage(c, <SignInLinkPage vars={vars} token={token} error={errorText(vars.t, error)} />, pageStatus(error));
    }
  });

  app.post('/sign-in/link/:token', async (c) => {
    const token = c.req.param('token');
    try {
      const opened = await useSignInLink(ctx, token);
      if (c.get('sessionId')) await closeSession(ctx, c.get('sessionId'));
      writeSessionCookie(c, opened.sessionId);
      return c.redirect('/statements', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const vars = varsOf(c);
      // A script asking for JSON gets the API's error body, in its language.
      if ((c.req.header('accept') ?? '').includes('application/json')) return c.json({ error: { code: error.code, message: errorText(vars.t, error).message, details: error.details } }, errorStatus(error));
      return renderPage(c, <SignInLinkPage vars={vars} token={token} error={errorText(vars.t, error)} />, pageStatus(error));
    }
  });

  app.get('/dashboard', async (c) => {
    const actor = sessionOf(c).actor;
    const locales = await localeDashboard(ctx, actor);
    return renderPage(c, <DashboardPage vars={varsOf(c)} locales={locales} canReview={(locale) => can(actor, 'review', locale)} />);
  });

  return app;
}
