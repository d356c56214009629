/** A locale of a statement: read it segment by segment, edit a segment (If-Match), submit, review. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { openApiApp } from '../openapi-app.ts';
import { EditSegment, ErrorBody, Locale, ReviewBody, Segment, SegmentId, Slug, Translation } from '../schemas.ts';
import { ifMatchVersion } from './if-match.ts';

const errors = { 400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBody } } } };
const params = z.object({ slug: Slug, locale: Locale });

/** A translation's ETag changes whenever any of its segments does. */
function etagOf(t: { revision: number; segments: { version: number }[] }): string {
  return `W/"${t.revision}-${t.segments.reduce((n, s) => n + s.version, 0)}-${t.segments.length}"`;
}

export function translationRoutes(ctx: OperationContext) {
  const app = openApiApp();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}/translations/{locale}',
      request: { params, query: z.object({ suggestions: z.enum(['true', 'false']).optional() }) },
      responses: { 200: { description: 'Every segment: source, machine draft, text, state, version, findings', content: { 'application/json': { schema: Translation } } }, 304: { description: 'Not modified' } },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const t = await getTranslation(ctx, slug, locale, { suggestions: c.req.valid('query').suggestions === 'true' });
      const etag = etagOf(t);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag });
      return c.json(t, 200, { ETag: etag });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/statements/{slug}/translations/{locale}/segments/{segmentId}',
      summary: 'A segment’s text; If-Match: its version (412 with the current text when stale)',
      request: { params: params.extend({ segmentId: SegmentId }), body: { content: { 'application/json': { schema: EditSegment } }, required: true } },
      responses: {
        200: { description: 'The segment', content: { 'application/json': { schema: Segment } } },
        412: { description: 'Stale version: details carry the current text and version', content: { 'application/json': { schema: ErrorBody } } },
        ...errors,
      },
    }),
    async (c) => {
      const { slug, locale, segmentId } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      await editSegment(ctx, c.get('actor'), { slug, locale, segmentId, text: c.req.valid('json').text, expectedVersion });
      const segment = (await getTranslation(ctx, slug, locale)).segments.find((s) => s.id === segmentId)!;
      return c.json(segment, 200, { ETag: `"${segment.version}"` });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements/{slug}/translations/{locale}/submit',
      request: { params },
      responses: { 200: { description: 'Submitted for review', content: { 'application/json': { schema: z.object({ locale: z.string(), revision: z.number(), submittedAt: z.string(), segments: z.number() }) } } }, ...errors },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      return c.json(await submitLocale(ctx, c.get('actor'), { slug, locale }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements/{slug}/translations/{locale}/reviews',
      request: { params, body: { content: { 'application/json': { schema: ReviewBody } }, required: true } },
      responses: { 200: { description: 'The decision', content: { 'application/json': { schema: z.object({ locale: z.string(), decision: z.string(), segments: z.array(z.string()) }) } } }, ...errors },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(await review(ctx, c.get('actor'), { slug, locale, decision: body.decision, ...(body.segments ? { segments: body.segments } : {}), ...(body.comment ? { comment: body.comment } : {}) }), 200);
    },
  );
  return app;
}
