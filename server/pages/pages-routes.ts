/**
 * The web pages for translators, reviewers and publishers, composed: assets, sign-in, then
 * (signed in) statements, translate, review, publish, history and job events. Every page
 * route gets the session, the language and security headers (page-context.ts), a body
 * limit and CSRF checks (csrf-guard.ts); the middleware is bound to the pages' own paths only, so /api and
 * /published are untouched. Handlers call src/operations directly.
 */
import { Hono } from 'hono';
import type { Config } from '../../src/config.ts';
import type { DraftRunner } from '../../src/jobs/runner.ts';
import type { ProviderSet } from '../../src/mt/routing.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { utf8Body } from '../middleware/utf8-body.ts';
import { assetRoutes } from './assets-routes.ts';
import { csrfGuard } from './csrf-guard.ts';
import { historyRoutes } from './history-routes.tsx';
import { commentRoutes } from './comment-routes.tsx';
import { jobEventRoutes } from './job-events.ts';
import { pageContext } from './page-context.ts';
import type { PageEnv } from './page-env.ts';
import { pageError } from './page-errors.tsx';
import { publishRoutes } from './publish-routes.tsx';
import { requireSignIn } from './require-sign-in.ts';
import { reviewRoutes } from './review-routes.tsx';
import { signInRoutes } from './sign-in-routes.tsx';
import { statementsRoutes } from './statements-routes.tsx';
import { teamRoutes } from './team-routes.tsx';
import { translateRoutes } from './translate-routes.tsx';
import { uploadRoutes } from './upload-routes.tsx';
import { glossaryRoutes } from './glossary-routes.tsx';
import { linkTargetsRoutes } from './link-targets-routes.tsx';
import { reviseRoutes } from './revise-routes.tsx';
import { webhooksRoutes } from './webhooks-routes.tsx';
import { withdrawRoutes } from './withdraw-routes.tsx';
import { WebhookTargetPolicy } from '../../src/webhooks/target-policy.ts';

export interface PagesDeps {
  ctx: OperationContext;
  providers: ProviderSet;
  runner: DraftRunner;
  deliveries?: { kick(): void };
  /** Told after a publication from the pages (readers' cache of live editions, webhook deliveries). */
  onPublished?: (slug: string) => void;
}

/** The paths of the pages (and only those) that the page middleware applies to (`/statements/*` covers `/statements`). */
const pagePaths = ['/', '/sign-in', '/sign-in/*', '/users', '/users/*', '/dashboard', '/sign-out', '/language', '/statements/*', '/jobs/*', '/glossary/*', '/link-targets/*', '/webhooks/*'];
const signedInPaths = ['/users', '/users/*', '/dashboard', '/statements/*', '/jobs/*', '/glossary/*', '/link-targets/*', '/webhooks/*'];

export function pagesRoutes(config: Config, deps: PagesDeps) {
  const { ctx } = deps;
  const app = new Hono<PageEnv>();
  app.onError(pageError);
  app.route('/', assetRoutes());
  // A form carries at most a statement (a Markdown file), with room for the multipart framing;
  // a larger body is drained so the browser's connection stays usable (the API's limit).
  const bodyLimit = limitBody(config.maxDocumentBytes * 2);
  // Form posts are UTF-8 or refused (400 input_not_utf8).
  const textBody = utf8Body();
  for (const path of pagePaths) {
    app.use(path, pageContext(ctx));
    app.use(path, bodyLimit);
    app.use(path, textBody);
    app.use(path, csrfGuard());
  }
  for (const path of signedInPaths) app.use(path, requireSignIn());
  app.route('/', signInRoutes(ctx));
  app.route('/', statementsRoutes(ctx));
  app.route('/', teamRoutes(ctx));
  app.route('/', translateRoutes(ctx, { providers: deps.providers, routes: config.routes, runner: deps.runner, development: config.environment === 'development' }));
  app.route('/', uploadRoutes(ctx));
  app.route('/', reviewRoutes(ctx, deps.providers, config.routes));
  app.route('/', publishRoutes(ctx, (slug) => {
    if (deps.onPublished) deps.onPublished(slug);
    else deps.deliveries?.kick();
  }));
  app.route('/', historyRoutes(ctx));
  app.route('/', glossaryRoutes(ctx));
  app.route('/', linkTargetsRoutes(ctx));
  app.route('/', webhooksRoutes(ctx, new WebhookTargetPolicy(config.webhooks.allowHosts)));
  app.route('/', reviseRoutes(ctx));
  app.route('/', withdrawRoutes(ctx, (slug) => {
    if (deps.onPublished) deps.onPublished(slug);
    else deps.deliveries?.kick();
  }));
  app.route('/', commentRoutes(ctx));
  app.route('/', jobEventRoutes(ctx, deps.runner));
  return app;
}
