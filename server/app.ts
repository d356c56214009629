/** The Hono application, composed from its routes; the OpenAPI document at /openapi.json. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { Config } from '../src/config.ts';
import type { DraftRunner } from '../src/jobs/runner.ts';
import type { DeliveryWorker } from '../src/webhooks/delivery-worker.ts';
import type { ProviderSet } from '../src/mt/routing.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { bearerAuth, type AuthEnv } from './middleware/auth.ts';
import { limitBody } from './middleware/body-limit.ts';
import { errorBody, errorResponse } from './middleware/errors.ts';
import { documentPublicRoutes } from './public-routes-doc.ts';
import { FeedCache } from './feed-cache.ts';
import { PublishedCache } from './published-cache.ts';
import { draftRoutes } from './routes/drafts.ts';
import { editionRoutes } from './routes/editions.ts';
import { publishedRoutes } from './routes/published.ts';
import { feedRoutes } from './routes/feeds.ts';
import { statementRoutes } from './routes/statements.ts';
import { translationRoutes } from './routes/translations.ts';
import { userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { linkTargetRoutes } from './routes/link-targets.ts';
import { overrideRoutes } from './routes/overrides.ts';
import { glossaryRoutes } from './routes/glossary.ts';
import { backTranslationRoutes } from './routes/back-translation.ts';
import { pagesRoutes } from './pages/pages-routes.ts';

export interface AppDeps {
  ctx: OperationContext;
  providers: ProviderSet;
  runner: DraftRunner;
  /** Sends webhook deliveries; told to look when something was published or withdrawn. */
  deliveries?: DeliveryWorker;
}

export function createApp(config: Config, deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const providers = deps.providers.all().map((p) => p.id);
  app.onError(errorResponse);
  app.get('/health', (c) => c.json({ status: 'ok', providers }));

  const api = new OpenAPIHono<AuthEnv>();
  // Bodies: a statement up to the configured size, in JSON (escaped) up to twice that.
  api.use('*', limitBody(config.maxDocumentBytes * 2));
  api.use('*', bearerAuth(deps.ctx));
  api.route('/', statementRoutes(deps.ctx));
  api.route('/', translationRoutes(deps.ctx));
  const published = new PublishedCache(deps.ctx);
  const feeds = new FeedCache(deps.ctx);
  const publishedChanged = (slug: string) => {
    published.forget(slug);
    feeds.forget();
    deps.deliveries?.kick();
  };
  api.route('/', editionRoutes(deps.ctx, publishedChanged));
  api.route('/', userRoutes(deps.ctx));
  api.route('/', webhookRoutes(deps.ctx));
  api.route('/', linkTargetRoutes(deps.ctx));
  api.route('/', overrideRoutes(deps.ctx));
  api.route('/', glossaryRoutes(deps.ctx));
  api.route('/', backTranslationRoutes(deps.ctx, deps.providers, config.routes));
  api.route('/', draftRoutes(deps.ctx, deps.providers, config.routes, deps.runner));
  app.route('/api', api);
  app.route('/published', publishedRoutes(published, config));
  app.route('/feeds', feedRoutes(feeds, config));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  documentPublicRoutes(app);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Editions', version: '0.1.0', description: 'Statements from their source language to reviewed, published editions.' },
    security: [{ bearer: [] }],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));
  app.route('/', pagesRoutes(config, { ...deps, onPublished: publishedChanged }));
  app.notFound((c) => c.json(errorBody('not_found', { path: c.req.path }, c, 'Not found'), 404));
  return app;
}
