/**
 * A draft job's progress as server-sent events: the job (as GET /api/jobs/{id} answers it)
 * in a `progress` event at each change, until it is done or failed. Shared by the API
 * (bearer token) and the pages (session cookie). A shutdown ends the stream at once (the
 * browser's EventSource reconnects, to another instance if there is one).
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DraftRunner } from '../src/jobs/runner.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { getJob } from '../src/operations/request-drafts.ts';

export async function jobEventStream(c: Context, ctx: OperationContext, runner: DraftRunner, id: string): Promise<Response> {
  await getJob(ctx, id);
  return streamSSE(c, async (stream) => {
    let last = '';
    let wake: (() => void) | undefined;
    const onProgress = (jobId: string) => {
      if (jobId === id) wake?.();
    };
    const onClosing = () => wake?.();
    runner.on('progress', onProgress);
    runner.on('closing', onClosing);
    stream.onAbort(() => wake?.());
    try {
      for (let n = 0; !stream.aborted && !runner.closed; n++) {
        const job = await getJob(ctx, id);
        const data = JSON.stringify(job);
        if (data !== last) await stream.writeSSE({ event: 'progress', data, id: String(n) });
        last = data;
        if (job.status === 'done' || job.status === 'failed') break;
        // Wait for the runner's next word, or poll (another process may be drafting).
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 1000);
        });
      }
    } finally {
      runner.off('progress', onProgress);
      runner.off('closing', onClosing);
    }
  });
}
