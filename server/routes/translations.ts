/** A locale of a statement: read it segment by segment, edit a segment (If-Match), submit, review. */
import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { withMessages } from '../finding-messages.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { openApiApp } from '../openapi-app.ts';
import { DomainError } from '../../src/errors.ts';
import { importXliff } from '../../src/interchange/xliff.ts';
import { canonicalLocale } from '../../src/locale.ts';
import { exportTranslationXliff } from '../../src/operations/export-xliff.ts';
import { importTexts, importTranslationMarkdown } from '../../src/operations/import-translation.ts';
import { EditSegment, ErrorBody, Locale, ReviewBody, Segment, SegmentId, Slug, Translation } from '../schemas.ts';
import { ifMatchVersion } from './if-match.ts';

const errors = { 400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBody } } } };
const params = z.object({ slug: Slug, locale: Locale });

/** A translation's ETag changes whenever any of its segments or findings does (glossary, link targets and overrides change findings). */
function etagOf(t: { revision: number; segments: { version: number; findings: unknown[] }[]; findings: unknown[] }): string {
  const findings = createHash('sha256').update(JSON.stringify([t.findings, t.segments.map((s) => s.findings)])).digest('base64url').slice(0, 12);
  return `W/"${t.revision}-${t.segments.reduce((n, s) => n + s.version, 0)}-${t.segments.length}-${findings}"`;
}

export function translationRoutes(ctx: OperationContext) {
  const app = openApiApp();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}/translations/{locale}',
      summary: 'A locale segment by segment (JSON); `{locale}.xlf`: XLIFF 2.0 for CAT tools',
      request: { params, query: z.object({ suggestions: z.enum(['true', 'false']).optional() }) },
      responses: {
        200: { description: 'Every segment: source, machine draft, text, state, version, findings', content: { 'application/json': { schema: Translation }, 'application/xliff+xml': { schema: z.string() } } },
        304: { description: 'Not modified' },
      },
    }),
    async (c) => {
      const { slug, locale: file } = c.req.valid('param');
      if (file.endsWith('.xlf')) {
        const xml = await exportTranslationXliff(ctx, slug, file.slice(0, -4));
        return c.body(xml, 200, { 'Content-Type': 'application/xliff+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="${slug}.${file}"` });
      }
      const locale = file;
      const t = await getTranslation(ctx, slug, locale, { suggestions: c.req.valid('query').suggestions === 'true' });
      const etag = etagOf(t);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag, Vary: 'Accept-Language' });
      const [whole] = withMessages([t], c);
      return c.json({ ...whole!, segments: withMessages(t.segments, c) }, 200, { ETag: etag, Vary: 'Accept-Language' });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/statements/{slug}/translations/{locale}',
      summary: 'A whole translation: text/markdown (aligned by structure; 422 at the first mismatch) or application/xliff+xml (XLIFF 2.0)',
      request: { params, body: { content: { 'text/markdown': { schema: z.string() }, 'application/xliff+xml': { schema: z.string() } } } },
      responses: {
        200: { description: 'What changed', content: { 'application/json': { schema: z.object({ locale: z.string(), revision: z.number(), updated: z.number(), unchanged: z.number() }) } } },
        422: { description: 'The structure does not match the source', content: { 'application/json': { schema: ErrorBody } } },
        ...errors,
      },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const body = await c.req.text();
      if (type === 'text/markdown') return c.json(await importTranslationMarkdown(ctx, c.get('actor'), { slug, locale, markdown: body }), 200);
      if (type === 'application/xliff+xml' || type === 'application/xml') {
        const texts = await importXliff(body, slug, canonicalLocale(locale));
        return c.json(await importTexts(ctx, c.get('actor'), { slug, locale, texts }), 200);
      }
      throw new DomainError('unsupported_media_type', `Send text/markdown or application/xliff+xml, not ${type || 'nothing'}`, { type: type || 'none' });
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
