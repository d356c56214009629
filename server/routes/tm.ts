/** Translation memory as TMX 1.4b: export a language pair's approved memory, import a memory (src/operations/tm-interchange.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { exportTmx, importTmx } from '../../src/operations/tm-interchange.ts';
import { openApiApp } from '../openapi-app.ts';
import { bounds, ErrorBody } from '../schemas.ts';

const errors = {
  400: { description: '`xml_malformed` (with `line` and `column`), `xml_doctype_refused` (a DOCTYPE declaring entities), `validation_failed` (not TMX), `locale_invalid`', content: { 'application/json': { schema: ErrorBody } } },
  403: { description: 'Not a translator, reviewer or publisher of a target locale in the file (or an admin)', content: { 'application/json': { schema: ErrorBody } } },
  413: { description: '`input_too_large`', content: { 'application/json': { schema: ErrorBody } } },
  415: { description: '`unsupported_media_type`: send application/x-tmx+xml', content: { 'application/json': { schema: ErrorBody } } },
};

const ImportResult = z
  .object({
    units: z.number(),
    added: z.number(),
    unchanged: z.number(),
    refused: z.array(z.object({ unit: z.number(), tuid: z.string().optional(), lang: z.string().optional(), reason: z.string() })),
    pairs: z.array(z.object({ source: z.string(), target: z.string(), added: z.number(), unchanged: z.number() })),
  })
  .openapi('TmImportResult');

export function tmRoutes(ctx: OperationContext) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/tm.tmx',
      summary: 'The approved and published translation memory of a language pair as TMX 1.4b (placeholders as <bpt>/<ept> and <ph>)',
      request: { query: z.object({ source: z.string().max(bounds.tag), target: z.string().max(bounds.tag) }) },
      responses: { 200: { description: 'TMX 1.4b', content: { 'application/x-tmx+xml': { schema: z.string() } } }, 400: errors[400] },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { xml, count } = await exportTmx(ctx, q);
      return c.body(xml, 200, { 'Content-Type': 'application/x-tmx+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="tm-${encodeURIComponent(q.source)}-${encodeURIComponent(q.target)}.tmx"`, 'X-Editions-Units': String(count) });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/tm',
      summary: 'Import a TMX 1.4b memory (all or nothing): per entry added, unchanged, or refused with why; stored with origin `imported`',
      request: { body: { content: { 'application/x-tmx+xml': { schema: z.string() } }, required: true } },
      responses: { 200: { description: 'What the import did', content: { 'application/json': { schema: ImportResult } } }, ...errors },
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-tmx+xml' && type !== 'application/xml' && type !== 'text/xml') {
        throw new DomainError('unsupported_media_type', `Send application/x-tmx+xml, not ${type || 'nothing'}`, { type: type || 'none' });
      }
      return c.json(await importTmx(ctx, c.get('actor'), { xml: await c.req.text() }), 200);
    },
  );
  return app;
}
