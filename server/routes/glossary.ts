/**
 * Glossary terms: do-not-translate terms and preferred target terms with accepted variants
 * (publishers add; anyone signed in reads). In and out as TBX-Basic or CSV too.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../src/errors.ts';
import { canonicalLocale } from '../../src/locale.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { addGlossaryTerm, deleteGlossaryTerm, glossaryFor } from '../../src/operations/glossary.ts';
import { exportGlossary, importGlossary, type GlossaryFormat } from '../../src/operations/glossary-interchange.ts';
import { openApiApp } from '../openapi-app.ts';
import { bounds, ErrorBody } from '../schemas.ts';

/** `json`, `tbx` or `csv` by Content-Type, else 415. */
function bodyKind(contentType: string | undefined): 'json' | GlossaryFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-tbx+xml' || type === 'application/tbx+xml' || type === 'application/xml' || type === 'text/xml') return 'tbx';
  if (type === 'text/csv') return 'csv';
  throw new DomainError('unsupported_media_type', `Send application/json (one term), application/x-tbx+xml or text/csv, not ${type || 'nothing'}`, { type: type || 'none' });
}

const ImportRow = z.object({
  line: z.number(),
  term: z.string(),
  locale: z.string().nullable(),
  collection: z.string().nullable(),
  outcome: z.enum(['added', 'unchanged', 'refused']),
  reason: z.enum(['forbidden', 'invalid', 'conflict']).optional(),
  problem: z.string().optional(),
  remark: z.string().optional(),
});

const ExportQuery = z.object({
  locale: z.string().max(bounds.tag).optional(),
  collection: z.string().max(bounds.name).optional(),
  source: z.string().max(bounds.tag).optional(),
});

export const TermBody = z
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
      summary:
        'Add a term (JSON): without targetLocale it must not be translated; with targetLocale and targetText it is the preferred term (variants: accepted spellings). Or import a glossary: application/x-tbx+xml (TBX-Basic; `?source=` overrides the martif’s xml:lang) or text/csv (header: source tag, target tags, optional note, collection); all or nothing',
      request: {
        query: z.object({ source: z.string().max(bounds.tag).optional() }),
        body: { content: { 'application/json': { schema: TermBody }, 'application/x-tbx+xml': { schema: z.string() }, 'text/csv': { schema: z.string() } } },
      },
      responses: {
        200: { description: 'A glossary imported: each entry (a term in one target language, or a do-not-translate term) added or unchanged', content: { 'application/json': { schema: z.object({ format: z.enum(['tbx', 'csv']), sourceLocale: z.string(), added: z.number(), unchanged: z.number(), entries: z.array(ImportRow) }) } } },
        201: { description: 'The term', content: { 'application/json': { schema: z.object({ id: z.string(), term: z.string() }).passthrough() } } },
        400: { description: '`xml_malformed` (line, column), `xml_doctype_refused`, `validation_failed` (a CSV line named)', content: { 'application/json': { schema: ErrorBody } } },
        403: { description: 'Not a publisher', content: { 'application/json': { schema: ErrorBody } } },
        422: { description: '`glossary_import_refused`: some entries refused (`details.entries`: every entry’s outcome, with why); nothing stored', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const kind = bodyKind(c.req.header('content-type'));
      if (kind !== 'json') {
        const source = c.req.valid('query').source;
        return c.json(await importGlossary(ctx, c.get('actor'), { format: kind, text: await c.req.text(), ...(source !== undefined ? { sourceLocale: source } : {}) }), 200);
      }
      const row = await addGlossaryTerm(ctx, c.get('actor'), c.req.valid('json') as z.infer<typeof TermBody>);
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
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/glossary/{id}',
      summary: 'Delete a term (a publisher of its target locale; `*` for a do-not-translate term)',
      request: { params: z.object({ id: z.string().max(bounds.id) }) },
      responses: {
        200: { description: 'Deleted', content: { 'application/json': { schema: z.object({ deleted: z.literal(true) }) } } },
        403: { description: 'Not a publisher of the term’s locale', content: { 'application/json': { schema: ErrorBody } } },
        404: { description: '`not_found`: no such term (already deleted)', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const result = await deleteGlossaryTerm(ctx, c.get('actor'), id);
      if (!result.deleted) throw new DomainError('not_found', `No glossary term ${id}`, { path: c.req.path });
      return c.json({ deleted: true as const }, 200);
    },
  );
  for (const [format, type] of [['tbx', 'application/x-tbx+xml'], ['csv', 'text/csv']] as const) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/glossary.${format}`,
        summary: `The glossary as ${format === 'tbx' ? 'TBX-Basic' : 'CSV'}: every term, or those that apply to \`locale\` and \`collection\` (terms for every statement included); \`source\`: the source language tag written (\`en\` by default)`,
        request: { query: ExportQuery },
        responses: { 200: { description: `The glossary (${type})`, content: { [type]: { schema: z.string() } } } },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const body = await exportGlossary(ctx, { format, ...(q.locale !== undefined ? { locale: q.locale } : {}), ...(q.collection !== undefined ? { collection: q.collection } : {}), ...(q.source !== undefined ? { sourceLocale: q.source } : {}) });
        return c.body(body, 200, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Disposition': `attachment; filename="glossary.${format}"` });
      },
    );
  }
  return app;
}
