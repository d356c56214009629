/** A locale machine-translated back into the source language, for reviewers (not stored). */
import { createRoute, z } from '@hono/zod-openapi';
import type { ProviderSet, Routes } from '../../src/mt/routing.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { backTranslate } from '../../src/operations/back-translate.ts';
import { openApiApp } from '../openapi-app.ts';
import { Locale, Slug } from '../schemas.ts';

const BackTranslation = z
  .object({
    slug: z.string(), locale: z.string(), sourceLocale: z.string(),
    provider: z.object({ id: z.string(), label: z.string(), development: z.boolean() }).nullable(),
    notes: z.array(z.string()),
    segments: z.array(
      z.object({
        id: z.string(), source: z.string(), text: z.string().nullable(), back: z.string().nullable(),
        unknownWords: z.array(z.string()).openapi({ description: 'Words of the text the engine could not translate back (left as they were)' }),
      }),
    ),
  })
  .openapi('BackTranslation');

export function backTranslationRoutes(ctx: OperationContext, providers: ProviderSet, routes: Routes) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}/translations/{locale}/back-translation',
      summary: 'Each text machine-translated back into the source language, beside the source (provider: as routed, or ?provider=)',
      request: { params: z.object({ slug: Slug, locale: Locale }), query: z.object({ provider: z.string().max(50).optional() }) },
      responses: { 200: { description: 'Source, text and back-translation per segment', content: { 'application/json': { schema: BackTranslation } } } },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const provider = c.req.valid('query').provider;
      return c.json(await backTranslate(ctx, providers, routes, { slug, locale, ...(provider ? { provider } : {}) }), 200);
    },
  );
  return app;
}
