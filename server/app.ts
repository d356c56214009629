/** The Hono application, composed from its routes. */
import { Hono } from 'hono';
import type { Config } from '../src/config.ts';
import type { DraftRunner } from '../src/jobs/runner.ts';
import type { ProviderSet } from '../src/mt/routing.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { bearerAuth, type AuthEnv } from './middleware/auth.ts';
import { errorBody, errorResponse } from './middleware/errors.ts';
import { draftRoutes } from './routes/drafts.ts';

export interface AppDeps {
  ctx: OperationContext;
  providers: ProviderSet;
  runner: DraftRunner;
}

export function createApp(config: Config, deps: AppDeps): Hono {
  const app = new Hono();
  const providers = deps.providers.all().map((p) => p.id);
  app.onError(errorResponse);
  app.get('/health', (c) => c.json({ status: 'ok', providers }));
  const api = new Hono<AuthEnv>();
  api.use('*', bearerAuth(deps.ctx));
  api.route('/', draftRoutes(deps.ctx, deps.providers, config.routes, deps.runner));
  app.route('/api', api);
  app.notFound((c) => c.json(errorBody('not_found', { path: c.req.path }, c, 'Not found'), 404));
  return app;
}
