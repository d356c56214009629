/** A reviewer overrides a quality finding with a recorded reason (of a segment for its current text, or of the whole edition). */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { overrideFinding } from '../../src/operations/quality.ts';
import { ruleIds } from '../../src/quality/types.ts';
import { openApiApp } from '../openapi-app.ts';
import { ErrorBody, Locale, Slug } from '../schemas.ts';

export const OverrideBody = z
  .object({ rule: z.enum(ruleIds), segmentId: z.string().max(100).optional(), reason: z.string().trim().min(1).max(2000) })
  .openapi('Override');

export function overrideRoutes(ctx: OperationContext) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements/{slug}/translations/{locale}/overrides',
      summary: 'Override a quality finding with a reason (reviewers); it lapses when the segment’s text changes',
      request: { params: z.object({ slug: Slug, locale: Locale }), body: { content: { 'application/json': { schema: OverrideBody } }, required: true } },
      responses: {
        201: { description: 'The override', content: { 'application/json': { schema: z.object({ id: z.string(), locale: z.string(), rule: z.string(), segmentId: z.string().nullable(), reason: z.string(), at: z.string() }) } } },
        403: { description: 'Not a reviewer of the locale', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(await overrideFinding(ctx, c.get('actor'), { slug, locale, rule: body.rule, reason: body.reason, ...(body.segmentId ? { segmentId: body.segmentId } : {}) }), 201);
    },
  );
  return app;
}
