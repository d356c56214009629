/** A translation's comment threads (issue 16): read them, add a comment to a segment's thread or the general one. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { addComment, listComments } from '../../src/operations/segment-comments.ts';
import { openApiApp } from '../openapi-app.ts';
import { bounds, Comment, CommentBody, CommentThreads, ErrorBody, Locale, Slug } from '../schemas.ts';

const errors = { 400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBody } } } };
const params = z.object({ slug: Slug, locale: Locale });

export function commentRoutes(ctx: OperationContext) {
  const app = openApiApp();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}/translations/{locale}/comments',
      summary: 'The translation’s comment threads: the general one and one per segment, oldest first (`segment`: one segment’s thread)',
      request: { params, query: z.object({ segment: z.string().max(bounds.id).optional() }) },
      responses: { 200: { description: 'The threads', content: { 'application/json': { schema: CommentThreads } } }, ...errors },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const { segment } = c.req.valid('query');
      return c.json(await listComments(ctx, { slug, locale, ...(segment ? { segmentId: segment } : {}) }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements/{slug}/translations/{locale}/comments',
      summary: 'A comment in a segment’s thread (`segmentId`), or the general thread; translators and reviewers of the locale, admins',
      request: { params, body: { content: { 'application/json': { schema: CommentBody } }, required: true } },
      responses: { 201: { description: 'The comment', content: { 'application/json': { schema: Comment } } }, ...errors },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(await addComment(ctx, c.get('actor'), { slug, locale, segmentId: body.segmentId ?? null, text: body.text }), 201);
    },
  );
  return app;
}
