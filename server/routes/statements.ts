/** Statements: create, list with progress, read, revise the source (If-Match). */
import { createRoute } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getStatement, listStatements } from '../../src/operations/read-statements.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { openApiApp } from '../openapi-app.ts';
import { bounds, CreateStatement, ErrorBody, ReviseSource, Slug, Statement, StatementList } from '../schemas.ts';
import { ifMatchVersion } from '../if-match.ts';
import { DomainError } from '../../src/errors.ts';

/** `json` or `markdown`, else 415. */
function bodyKind(contentType: string | undefined): 'json' | 'markdown' {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'text/markdown') return 'markdown';
  throw new DomainError('unsupported_media_type', `Send application/json or text/markdown, not ${type || 'nothing'}`, { type: type || 'none' });
}

const errors = { 400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBody } } } };

export function statementRoutes(ctx: OperationContext) {
  const app = openApiApp();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements',
      summary: 'Create a statement (JSON, or text/markdown with ?slug=&sourceLocale=)',
      request: {
        query: z.object({ slug: z.string().max(bounds.name).optional(), sourceLocale: z.string().max(bounds.tag).optional() }),
        body: { content: { 'application/json': { schema: CreateStatement }, 'text/markdown': { schema: z.string() } } },
      },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: Statement } } }, ...errors },
    }),
    async (c) => {
      const input = bodyKind(c.req.header('content-type')) === 'markdown'
        ? { slug: c.req.query('slug') ?? '', sourceLocale: c.req.query('sourceLocale') ?? 'en', markdown: await c.req.text() }
        : (c.req.valid('json') as z.infer<typeof CreateStatement>);
      const created = await createStatement(ctx, c.get('actor'), input);
      return c.json(await getStatement(ctx, created.statement.slug), 201, { ETag: `"${created.revision}"` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements',
      summary: 'A page of statements, newest first, with per-locale progress',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).optional(), offset: z.coerce.number().int().min(0).optional(), cursor: z.string().max(500).optional() }) },
      responses: { 200: { description: 'A page', content: { 'application/json': { schema: StatementList } } }, ...errors },
    }),
    async (c) => c.json(await listStatements(ctx, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}',
      request: { params: z.object({ slug: Slug }) },
      responses: { 200: { description: 'The statement and its current source', content: { 'application/json': { schema: Statement } } } },
    }),
    async (c) => {
      const statement = await getStatement(ctx, c.req.valid('param').slug);
      return c.json(statement, 200, { ETag: `"${statement.revision}"` });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/statements/{slug}/source',
      summary: 'A new source revision; If-Match: the revision edited',
      request: { params: z.object({ slug: Slug }), body: { content: { 'application/json': { schema: ReviseSource }, 'text/markdown': { schema: z.string() } } } },
      responses: { 200: { description: 'The revision', content: { 'application/json': { schema: z.object({ revision: z.number(), created: z.boolean(), stale: z.number() }) } } }, ...errors },
    }),
    async (c) => {
      const expectedRevision = ifMatchVersion(c.req.header('if-match'));
      const markdown = bodyKind(c.req.header('content-type')) === 'markdown' ? await c.req.text() : (c.req.valid('json') as z.infer<typeof ReviseSource>).markdown;
      const result = await reviseSource(ctx, c.get('actor'), { slug: c.req.valid('param').slug, markdown, expectedRevision });
      return c.json(result, 200, { ETag: `"${result.revision}"` });
    },
  );
  return app;
}
