/**
 * A draft job's progress as server-sent events for the pages (the session's cookie, where
 * the API's GET /api/jobs/{id}/events takes a bearer token): the job at each change, until
 * it is done or failed. Same events (`progress`, the job as JSON) as the API's.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DraftRunner } from '../../src/jobs/runner.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { getJob } from '../../src/operations/request-drafts.ts';
import type { PageEnv } from './page-env.ts';

export function jobEventRoutes(ctx: OperationContext, runner: DraftRunner) {
  const app = new Hono<PageEnv>();
  app.get('/jobs/:id/events', async (c) => {
    const id = c.req.param('id');
    await getJob(ctx, id);
    return streamSSE(c, async (stream) => {
      let last = '';
      let wake: (() => void) | undefined;
      const onProgress = (jobId: string) => {
        if (jobId === id) wake?.();
      };
      runner.on('progress', onProgress);
      stream.onAbort(() => wake?.());
      try {
        for (let n = 0; !stream.aborted; n++) {
          const job = await getJob(ctx, id);
          const data = JSON.stringify(job);
          if (data !== last) await stream.writeSSE({ event: 'progress', data, id: String(n) });
          last = data;
          if (job.status === 'done' || job.status === 'failed') break;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 1000);
          });
        }
      } finally {
        runner.off('progress', onProgress);
      }
    });
  });
  return app;
}
