/** Per-locale link targets: read (anyone signed in), replace (publishers of the locale). */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { getLinkTargets, linkTargetBounds, setLinkTargets } from '../../src/operations/link-targets.ts';
import { openApiApp } from '../openapi-app.ts';
import { boundedRecord, ErrorBody, Locale } from '../schemas.ts';

const LinkTargets = z.object({ locale: z.string(), targets: z.record(z.string(), z.string()) }).openapi('LinkTargets');

export function linkTargetRoutes(ctx: OperationContext) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/link-targets/{locale}',
      summary: 'The URLs this locale’s editions link to instead of the source’s',
      request: { params: z.object({ locale: Locale }) },
      responses: { 200: { description: 'Source URL → target URL', content: { 'application/json': { schema: LinkTargets } } } },
    }),
    async (c) => c.json(await getLinkTargets(ctx, c.req.valid('param').locale), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/link-targets/{locale}',
      summary: 'Replace the locale’s link targets (applied at publication; the links check accepts them)',
      request: {
        params: z.object({ locale: Locale }),
        body: {
          content: {
            'application/json': {
              schema: z.object({ targets: boundedRecord(z.string().max(linkTargetBounds.urlLength), z.string().max(linkTargetBounds.urlLength), linkTargetBounds.entries) }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: { description: 'The new map', content: { 'application/json': { schema: LinkTargets } } },
        400: { description: 'Too many entries, a URL too long or with spaces, or a target whose scheme a published page drops (javascript:, data:…)', content: { 'application/json': { schema: ErrorBody } } },
        403: { description: 'Not a publisher of the locale', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => c.json(await setLinkTargets(ctx, c.get('actor'), c.req.valid('param').locale, c.req.valid('json').targets), 200),
  );
  return app;
}
