/**
 * A draft job's progress as server-sent events for the pages (the session's cookie, where
 * the API's GET /api/jobs/{id}/events takes a bearer token): the job at each change, until
 * it is done or failed. Same events (`progress`, the job as JSON) as the API's.
 */
import { Hono } from 'hono';
import type { DraftRunner } from '../../src/jobs/runner.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { jobEventStream } from '../job-event-stream.ts';
import type { PageEnv } from './page-env.ts';

export function jobEventRoutes(ctx: OperationContext, runner: DraftRunner) {
  const app = new Hono<PageEnv>();
  app.get('/jobs/:id/events', (c) => jobEventStream(c, ctx, runner, c.req.param('id')));
  return app;
}
