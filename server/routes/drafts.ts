/** Machine drafts over HTTP: request a job (202), read its progress {id, status, progress: {locale: {done, total, …}}, error?}. */
import { createRoute, z } from '@hono/zod-openapi';
import type { DraftRunner } from '../../src/jobs/runner.ts';
import type { ProviderSet, Routes } from '../../src/mt/routing.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { jobEventStream } from '../job-event-stream.ts';
import { openApiApp } from '../openapi-app.ts';
import { DraftsBody, ErrorBody, Job, JobId, Slug } from '../schemas.ts';

export function draftRoutes(ctx: OperationContext, providers: ProviderSet, routes: Routes, runner: DraftRunner) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements/{slug}/drafts',
      summary: 'Machine drafts for several locales, as a job',
      request: { params: z.object({ slug: Slug }), body: { content: { 'application/json': { schema: DraftsBody } }, required: true } },
      responses: {
        202: { description: 'The job, queued', content: { 'application/json': { schema: Job } } },
        400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const jobId = await requestDrafts(ctx, c.get('actor'), providers, routes, { slug: c.req.valid('param').slug, locales: body.locales, ...(body.provider ? { provider: body.provider } : {}) });
      runner.start(jobId);
      return c.json(await getJob(ctx, jobId), 202, { Location: `/api/jobs/${jobId}` });
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/jobs/{id}/events',
      summary: 'Server-sent events: the job (as GET /jobs/{id}) at each change, until it is done or failed',
      request: { params: z.object({ id: JobId }) },
      responses: { 200: { description: 'An event stream of `progress` events', content: { 'text/event-stream': { schema: z.string() } } } },
    }),
    (c) => jobEventStream(c, ctx, runner, c.req.valid('param').id),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/jobs/{id}',
      request: { params: z.object({ id: JobId }) },
      responses: { 200: { description: 'The job and its progress per locale', content: { 'application/json': { schema: Job } } } },
    }),
    async (c) => c.json(await getJob(ctx, c.req.valid('param').id), 200),
  );
  return app;
}
