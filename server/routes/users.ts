/** Users (admin only, except /users/me: your own settings): the token is in the answer once and never again. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { createSignInLink } from '../../src/operations/sign-in-links.ts';
import { createUser, listUsers, reviewerDisplayOf, revokeUser, rotateToken, setReviewerDisplay } from '../../src/operations/users.ts';
import { reviewerDisplays } from '../../src/publishing/edition-footer.ts';
import { openApiApp } from '../openapi-app.ts';
import { CreateUser, ErrorBody } from '../schemas.ts';

const UserId = z.object({ id: z.string().max(100) });
const Role = z.object({ role: z.string(), locale: z.string() });
const ReviewerDisplayChoice = z
  .enum(reviewerDisplays as [string, ...string[]])
  .nullable()
  .openapi({ description: 'How the user appears as a reviewer on readers’ pages: `name`, `initials`, `role` (counted, not named) or `none`; null: as the site says (EDITIONS_REVIEWER_DISPLAY). The more private of the two applies; each edition keeps the choice its reviewers had when it was published' });
const UserSummary = z
  .object({ id: z.string(), name: z.string(), roles: z.array(Role), createdAt: z.string(), revokedAt: z.string().nullable(), activeTokens: z.number(), pendingLinks: z.number(), reviewerDisplay: ReviewerDisplayChoice })
  .openapi('UserSummary');
const UserSettings = z.object({ id: z.string(), name: z.string(), reviewerDisplay: ReviewerDisplayChoice }).openapi('UserSettings');
const UserSettingsPatch = z.object({ reviewerDisplay: ReviewerDisplayChoice }).strict();
const settingsAnswer = { 200: { description: 'The user’s settings', content: { 'application/json': { schema: UserSettings } } } };
const invalid = { 400: { description: 'Not a valid setting (validation_failed)', content: { 'application/json': { schema: ErrorBody } } } };
const forbidden = { 403: { description: 'Not an admin', content: { 'application/json': { schema: ErrorBody } } } };
const notFound = { 404: { description: 'No such user (user_not_found)', content: { 'application/json': { schema: ErrorBody } } } };

export function userRoutes(ctx: OperationContext) {
  const app = openApiApp();
  // /users/me before /users/{id}: anyone signed in, for themselves.
  app.openapi(
    createRoute({ method: 'get', path: '/users/me', summary: 'Your own settings (anyone signed in)', responses: { ...settingsAnswer } }),
    async (c) => c.json(await reviewerDisplayOf(ctx, c.get('actor'), c.get('actor').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/users/me',
      summary: 'Change your own settings: how you appear as a reviewer on readers’ pages (anyone signed in)',
      request: { body: { content: { 'application/json': { schema: UserSettingsPatch } }, required: true } },
      responses: { ...settingsAnswer, ...invalid },
    }),
    async (c) => c.json(await setReviewerDisplay(ctx, c.get('actor'), c.get('actor').id, c.req.valid('json').reviewerDisplay), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      summary: 'Change a user’s settings (admin)',
      request: { params: UserId, body: { content: { 'application/json': { schema: UserSettingsPatch } }, required: true } },
      responses: { ...settingsAnswer, ...invalid, ...forbidden, ...notFound },
    }),
    async (c) => c.json(await setReviewerDisplay(ctx, c.get('actor'), c.req.valid('param').id, c.req.valid('json').reviewerDisplay), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      request: { body: { content: { 'application/json': { schema: CreateUser } }, required: true } },
      responses: {
        201: { description: 'The user and its token (shown once)', content: { 'application/json': { schema: z.object({ id: z.string(), token: z.string() }) } } },
        ...forbidden,
      },
    }),
    async (c) => {
      const created = await createUser(ctx, c.get('actor'), c.req.valid('json'));
      return c.json({ id: created.id, token: created.token }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      responses: { 200: { description: 'Every user with roles per locale, whether revoked, active tokens and pending sign-in links', content: { 'application/json': { schema: z.object({ users: z.array(UserSummary) }) } } }, ...forbidden },
    }),
    async (c) => c.json({ users: await listUsers(ctx, c.get('actor')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/token',
      request: { params: UserId },
      responses: { 200: { description: 'A new token (shown once); every other token of the user is revoked; a revoked user is active again', content: { 'application/json': { schema: z.object({ id: z.string(), token: z.string() }) } } }, ...forbidden, ...notFound },
    }),
    async (c) => {
      const rotated = await rotateToken(ctx, c.get('actor'), c.req.valid('param').id);
      return c.json({ id: rotated.id, token: rotated.token }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/revoke',
      request: { params: UserId },
      responses: { 200: { description: 'Revoked: every token, session and unused sign-in link of the user ends', content: { 'application/json': { schema: z.object({ id: z.string(), revokedAt: z.string() }) } } }, ...forbidden, ...notFound },
    }),
    async (c) => {
      const revoked = await revokeUser(ctx, c.get('actor'), c.req.valid('param').id);
      return c.json({ id: revoked.id, revokedAt: revoked.revokedAt }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/sign-in-links',
      request: { params: UserId },
      responses: {
        201: { description: 'A one-time sign-in link (shown once): `url` opens a page whose button signs in', content: { 'application/json': { schema: z.object({ url: z.string(), path: z.string(), expiresAt: z.string() }) } } },
        ...forbidden,
        ...notFound,
      },
    }),
    async (c) => {
      const link = await createSignInLink(ctx, c.get('actor'), c.req.valid('param').id);
      return c.json({ url: new URL(link.path, c.req.url).toString(), path: link.path, expiresAt: link.expiresAt }, 201);
    },
  );
  return app;
}
