/** Bearer tokens on /api: the actor is put on the context for the routes. */
import { createMiddleware } from 'hono/factory';
import type { OperationContext } from '../../src/operations/context.ts';
import { authenticate } from '../../src/operations/users.ts';
import type { Actor } from '../../src/workflow/roles.ts';

export type AuthEnv = { Variables: { actor: Actor } };

export function bearerAuth(ctx: OperationContext) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    c.set('actor', await authenticate(ctx, token));
    await next();
  });
}
