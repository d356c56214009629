/** A segment's history in a translation: every version, newest first (segment-history.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { segmentHistory } from '../../src/operations/segment-history.ts';
import { openApiApp } from '../openapi-app.ts';
import { ErrorBody, Locale, SegmentId, Slug } from '../schemas.ts';

const errorContent = { content: { 'application/json': { schema: ErrorBody } } };

const HistoryEntry = z
  .object({
    version: z.number(),
    revision: z.number().openapi({ description: 'The source revision the version was made at' }),
    event: z.string().openapi({ example: 'edit', description: 'machine_draft, edit, approve, request_changes or source_changed' }),
    state: z.string().openapi({ description: 'The state after the change' }),
    text: z.string().nullable().openapi({ description: 'The text after the change' }),
    machineText: z.string().nullable().openapi({ description: 'The machine draft beside it after the change' }),
    by: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: 'Who made the change (null: nobody signed it)' }),
    comment: z.string().nullable(),
    at: z.string(),
  })
  .openapi('SegmentHistoryEntry');

const SegmentHistory = z
  .object({ slug: z.string(), locale: z.string(), segmentId: z.string(), revision: z.number(), versions: z.array(HistoryEntry) })
  .openapi('SegmentHistory');

export function segmentHistoryRoutes(ctx: OperationContext) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}/translations/{locale}/segments/{segmentId}/history',
      summary: 'A segment’s versions, newest first: event, state, text, who and when (also across source revisions); anyone who may read the translation',
      request: { params: z.object({ slug: Slug, locale: Locale, segmentId: SegmentId }) },
      responses: {
        200: { description: 'The versions, newest first', content: { 'application/json': { schema: SegmentHistory } } },
        400: { description: 'Invalid request', ...errorContent },
        404: { description: '`statement_not_found`, `translation_not_found` or `segment_not_found`', ...errorContent },
      },
    }),
    async (c) => {
      const { slug, locale, segmentId } = c.req.valid('param');
      return c.json(await segmentHistory(ctx, c.get('actor'), { slug, locale, segmentId }), 200);
    },
  );
  return app;
}
