/** Glossary terms: do-not-translate terms and preferred target terms with accepted variants (publishers add; anyone signed in reads). */
import { createRoute, z } from '@hono/zod-openapi';
import { canonicalLocale } from '../../src/locale.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { addGlossaryTerm, glossaryFor } from '../../src/operations/glossary.ts';
import { openApiApp } from '../openapi-app.ts';
import { ErrorBody } from '../schemas.ts';

const TermBody = z
  .object({
    term: z.string().trim().min(1).max(500),
    scope: z.string().max(100).optional(),
    targetLocale: z.string().max(50).optional(),
    targetText: z.string().max(500).optional(),
    variants: z.array(z.string().max(500)).max(50).optional(),
    note: z.string().max(2000).optional(),
  })
  .openapi('GlossaryTerm');

const Term = z.object({ term: z.string(), doNotTranslate: z.boolean(), targetText: z.string().nullable(), variants: z.array(z.string()), scope: z.string(), note: z.string().nullable() });

export function glossaryRoutes(ctx: OperationContext) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/glossary',
      summary: 'Add a term: without targetLocale it must not be translated; with targetLocale and targetText it is the preferred term (variants: accepted spellings)',
      request: { body: { content: { 'application/json': { schema: TermBody } }, required: true } },
      responses: {
        201: { description: 'The term', content: { 'application/json': { schema: z.object({ id: z.string(), term: z.string() }).passthrough() } } },
        403: { description: 'Not a publisher', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const row = await addGlossaryTerm(ctx, c.get('actor'), c.req.valid('json'));
      return c.json({ id: row.id, term: row.term, scope: row.scope, targetLocale: row.target_locale, targetText: row.target_text, variants: JSON.parse(row.variants) as string[], note: row.note }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/glossary',
      summary: 'The terms that apply to a locale (and a collection)',
      request: { query: z.object({ locale: z.string().max(50), collection: z.string().max(100).optional() }) },
      responses: { 200: { description: 'Terms', content: { 'application/json': { schema: z.object({ terms: z.array(Term) }) } } } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ terms: await glossaryFor(ctx, q.collection ?? null, canonicalLocale(q.locale)) }, 200);
    },
  );
  return app;
}
