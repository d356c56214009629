/** Users (admin only): the token is in the answer once and never again. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { createUser } from '../../src/operations/users.ts';
import { openApiApp } from '../openapi-app.ts';
import { CreateUser, ErrorBody } from '../schemas.ts';

export function userRoutes(ctx: OperationContext) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      request: { body: { content: { 'application/json': { schema: CreateUser } }, required: true } },
      responses: {
        201: { description: 'The user and its token (shown once)', content: { 'application/json': { schema: z.object({ id: z.string(), token: z.string() }) } } },
        403: { description: 'Not an admin', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const created = await createUser(ctx, c.get('actor'), c.req.valid('json'));
      return c.json({ id: created.id, token: created.token }, 201);
    },
  );
  return app;
}
