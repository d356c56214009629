/** The Hono application, composed from its routes; the OpenAPI document at /openapi.json. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../src/config.ts';
import type { DraftRunner } from '../src/jobs/runner.ts';
import type { DeliveryWorker } from '../src/webhooks/delivery-worker.ts';
import type { ProviderSet } from '../src/mt/routing.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { authorizeMetrics, checkReadiness, type EngineProbe } from '../src/operations/service-status.ts';
import type { Logger } from './logger.ts';
import type { ServiceMetrics } from './metrics.ts';
import { requestLog } from './middleware/request-log.ts';
import { bearerAuth, type AuthEnv } from './middleware/auth.ts';
import { limitBody } from './middleware/body-limit.ts';
import { utf8Body } from './middleware/utf8-body.ts';
import { refuseNulInUrl } from './middleware/nul-in-url.ts';
import { errorBody, errorResponse } from './middleware/errors.ts';
import { apiDocsRoutes } from './api-docs.tsx';
import { publicHeaders, withPublicHeaders } from './public-headers.ts';
import { WebhookTargetPolicy } from '../src/webhooks/target-policy.ts';
import { documentPublicRoutes } from './public-routes-doc.ts';
import type { ChangeFeed } from '../src/store/change-feed.ts';
import { FeedCache } from './feed-cache.ts';
import { PublishedCache } from './published-cache.ts';
import { draftRoutes } from './routes/drafts.ts';
import { editionRoutes } from './routes/editions.ts';
import { publishedRoutes } from './routes/published.ts';
import { feedRoutes } from './routes/feeds.ts';
import { statementRoutes } from './routes/statements.ts';
import { translationRoutes } from './routes/translations.ts';
import { commentRoutes } from './routes/comments.ts';
import { segmentHistoryRoutes } from './routes/segment-history.ts';
import { userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { linkTargetRoutes } from './routes/link-targets.ts';
import { overrideRoutes } from './routes/overrides.ts';
import { glossaryRoutes } from './routes/glossary.ts';
import { tmRoutes } from './routes/tm.ts';
import { backTranslationRoutes } from './routes/back-translation.ts';
import { pagesRoutes } from './pages/pages-routes.ts';

export interface AppDeps {
  ctx: OperationContext;
  providers: ProviderSet;
  runner: DraftRunner;
  /** Sends webhook deliveries; told to look when something was published or withdrawn. */
  deliveries?: DeliveryWorker;
  /** The request log (server/logger.ts); absent: only unexpected errors, on stderr. */
  log?: Logger;
  /** Request metrics, and GET /metrics for an admin's token (server/metrics.ts). */
  metrics?: ServiceMetrics;
  /** The engines GET /ready checks: those configured (Apertium in use, Google with credentials). */
  engines?: readonly EngineProbe[];
  /** True once a shutdown has begun: GET /ready answers 503. */
  stopping?: () => boolean;
  /** Change notices from every instance (src/store/change-feed.ts); absent: readers' caches keep their one-second limit. */
  changes?: ChangeFeed;
}

export function createApp(config: Config, deps: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const providers = deps.providers.all().map((p) => p.id);
  const publicSecurity = publicHeaders(config.publicFrameAncestors);
  // Refusals under /published and /feeds carry those paths' security headers too.
  app.onError((error, c) => withPublicHeaders(c, errorResponse(error, c), publicSecurity));
  // A NUL character in the path or the query: 400 before any route (server/middleware/nul-in-url.ts).
  refuseNulInUrl(app, (error, c) => withPublicHeaders(c, errorResponse(error, c), publicSecurity));
  // Before any route: every handler registered from here on is logged (outside Hono's middleware chain).
  requestLog(app, deps.log, deps.metrics, deps.stopping);
  // Liveness: the process answers. Readiness: it can do its work now (database, migrations, engines).
  app.get('/health', (c) => c.json({ status: 'ok', providers }));
  app.get('/ready', async (c) => {
    const r = await checkReadiness(deps.ctx, deps.engines ?? [], { stopping: deps.stopping?.() ?? false });
    return c.json({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks }, r.ready ? 200 : 503, { 'Cache-Control': 'no-store' });
  });
  const metrics = deps.metrics;
  if (metrics) {
    app.get('/metrics', bearerAuth(deps.ctx), async (c) => {
      authorizeMetrics(c.get('actor'));
      return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
    });
  }

  const api = new OpenAPIHono<AuthEnv>();
  // Bodies: a statement up to the configured size, in JSON (escaped) up to twice that.
  api.use('*', limitBody(config.maxDocumentBytes * 2));
  api.use('*', bearerAuth(deps.ctx));
  // Text bodies (of signed-in callers) are UTF-8 or refused (400 input_not_utf8), read once within that limit.
  api.use('*', utf8Body());
  api.route('/', statementRoutes(deps.ctx));
  api.route('/', translationRoutes(deps.ctx));
  api.route('/', commentRoutes(deps.ctx));
  api.route('/', segmentHistoryRoutes(deps.ctx));
  const noticed = () => deps.changes?.live ?? false;
  const published = new PublishedCache(deps.ctx, { noticed, edition: config.editionPages });
  const feeds = new FeedCache(deps.ctx, { noticed });
  const publishedChanged = (slug: string) => {
    published.forget(slug);
    feeds.forget();
    deps.deliveries?.kick();
  };
  // A publication or withdrawal through another instance (or the CLI); a reset: notices may have been missed.
  deps.changes?.subscribe({
    notice: (notice) => publishedChanged(notice.slug),
    reset: () => {
      published.forgetAll();
      feeds.forget();
    },
  });
  api.route('/', editionRoutes(deps.ctx, publishedChanged));
  api.route('/', userRoutes(deps.ctx));
  api.route('/', webhookRoutes(deps.ctx, new WebhookTargetPolicy(config.webhooks.allowHosts)));
  api.route('/', linkTargetRoutes(deps.ctx));
  api.route('/', overrideRoutes(deps.ctx));
  api.route('/', glossaryRoutes(deps.ctx));
  api.route('/', tmRoutes(deps.ctx));
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
  app.route('/', apiDocsRoutes());
  app.route('/', pagesRoutes(config, { ...deps, onPublished: publishedChanged }));
  app.notFound((c) => withPublicHeaders(c, c.json(errorBody('not_found', { path: c.req.path }, c, 'Not found'), 404), publicSecurity));
  return app;
}
