/** Machine drafts over HTTP: request a job (202), read its progress {id, status, progress: {locale: {done, total, …}}, error?}. */
import { Hono } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../src/errors.ts';
import type { DraftRunner } from '../../src/jobs/runner.ts';
import type { Routes, ProviderSet } from '../../src/mt/routing.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import type { AuthEnv } from '../middleware/auth.ts';

const draftsBody = z.object({ locales: z.array(z.string()).min(1).max(50), provider: z.string().min(1).optional() });

export function draftRoutes(ctx: OperationContext, providers: ProviderSet, routes: Routes, runner: DraftRunner) {
  const app = new Hono<AuthEnv>();
  app.post('/statements/:slug/drafts', async (c) => {
    const parsed = draftsBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('input_unreadable', `Invalid body: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'JSON expected'}`, { field: issue?.path.join('.') ?? 'body' });
    }
    const jobId = await requestDrafts(ctx, c.get('actor'), providers, routes, { slug: c.req.param('slug'), ...parsed.data });
    void runner.run(jobId);
    return c.json(await getJob(ctx, jobId), 202, { Location: `/api/jobs/${jobId}` });
  });
  app.get('/jobs/:id', async (c) => c.json(await getJob(ctx, c.req.param('id'))));
  return app;
}
