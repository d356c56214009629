/** A locale of a statement: read it segment by segment, edit a segment (If-Match), submit, review. */
import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { withMessages } from '../finding-messages.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation, segmentPageLimits } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { openApiApp } from '../openapi-app.ts';
import { DomainError } from '../../src/errors.ts';
import { exportTranslationXliff } from '../../src/operations/export-xliff.ts';
import { exportTranslationMarkdown } from '../../src/operations/export-translation.ts';
import { importTranslationMarkdown, importTranslationXliff } from '../../src/operations/import-translation.ts';
import { EditSegment, ErrorBody, Locale, ReviewBody, Segment, SegmentId, Slug, Translation } from '../schemas.ts';
import { ifMatchVersion } from '../if-match.ts';
import { noneMatch } from '../public-request.ts';

const errors = { 400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorBody } } } };
const params = z.object({ slug: Slug, locale: Locale });

/**
 * A page's ETag: the tag of the whole locale's texts (translation-tag.ts: any segment's change
 * moves it, on every page, as the locale's counts and edition findings may move with it) and a
 * hash of what else the page shows: its place, its segments' findings and suggestions, the
 * edition findings (glossary, link targets and overrides change findings without a new version).
 */
function etagOf(t: { tag: string; offset: number; limit: number; total: number; segments: { id: string; findings: unknown[]; suggestions?: unknown }[]; findings: unknown[] }): string {
  const shown = JSON.stringify([t.offset, t.limit, t.total, t.findings, t.segments.map((s) => [s.id, s.findings, s.suggestions ?? null])]);
  return `W/"${t.tag}-${createHash('sha256').update(shown).digest('base64url').slice(0, 12)}"`;
}

/** The request's URL with the next page's cursor in place of any offset (a relative reference, for the Link header). */
function nextLink(url: string, cursor: string, limit: number): string {
  const next = new URL(url);
  next.searchParams.delete('offset');
  next.searchParams.set('limit', String(limit));
  next.searchParams.set('cursor', cursor);
  return `${next.pathname}${next.search}`;
}

export function translationRoutes(ctx: OperationContext) {
  const app = openApiApp();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}/translations/{locale}',
      summary: 'A locale segment by segment (JSON); `{locale}.xlf`: XLIFF 2.0 for CAT tools (`?version=1.2`: XLIFF 1.2); `{locale}.md`: the translation as Markdown (the source’s text where a segment has none: `X-Editions-Untranslated`)',
      request: {
        params,
        query: z.object({
          suggestions: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(segmentPageLimits.max).optional().openapi({ description: `Segments a page, ${segmentPageLimits.default} by default` }),
          offset: z.coerce.number().int().min(0).optional(),
          cursor: z.string().optional().openapi({ description: 'The previous page’s nextCursor (wins over offset)' }),
          version: z.enum(['1.2', '2.0']).optional().openapi({ description: '`{locale}.xlf`: the XLIFF version, 2.0 by default' }),
        }),
      },
      responses: {
        200: { description: 'A page of segments (source, machine draft, text, state, version, findings) with the locale’s total, counts per state and edition findings; `Link: rel="next"`', content: { 'application/json': { schema: Translation }, 'application/xliff+xml': { schema: z.string() }, 'text/markdown': { schema: z.string() } } },
        304: { description: 'Not modified' },
        412: { description: 'The cursor is for an older source revision', content: { 'application/json': { schema: ErrorBody } } },
        ...errors,
      },
    }),
    async (c) => {
      const { slug, locale: file } = c.req.valid('param');
      if (file.endsWith('.xlf')) {
        const xml = await exportTranslationXliff(ctx, slug, file.slice(0, -4), { version: c.req.valid('query').version ?? '2.0' });
        return c.body(xml, 200, { 'Content-Type': 'application/xliff+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="${slug}.${file}"` });
      }
      if (file.endsWith('.md')) {
        const md = await exportTranslationMarkdown(ctx, slug, file.slice(0, -3));
        return c.body(md.markdown, 200, {
          'Content-Type': 'text/markdown; charset=utf-8',
          'Content-Disposition': `attachment; filename="${slug}.${md.locale}.md"`,
          // How much of the document is still the source's text, and where to read which segments (their states).
          'X-Editions-Segments': String(md.segments),
          'X-Editions-Untranslated': String(md.untranslated),
          'X-Editions-Revision': String(md.revision),
          Link: `</api/statements/${encodeURIComponent(slug)}/translations/${encodeURIComponent(md.locale)}>; rel="describedby"; type="application/json"`,
        });
      }
      const locale = file;
      const query = c.req.valid('query');
      const t = await getTranslation(ctx, slug, locale, {
        suggestions: query.suggestions === 'true',
        limit: query.limit ?? segmentPageLimits.default,
        ...(query.offset !== undefined ? { offset: query.offset } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      const etag = etagOf(t);
      const headers: Record<string, string> = { ETag: etag, Vary: 'Accept-Language' };
      if (t.nextCursor) headers.Link = `<${nextLink(c.req.url, t.nextCursor, t.limit)}>; rel="next"`;
      const inm = c.req.header('if-none-match');
      if (inm !== undefined && noneMatch(inm, etag)) return c.body(null, 304, headers);
      const [whole] = withMessages([t], c);
      return c.json({ ...whole!, segments: withMessages(t.segments, c) }, 200, headers);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/statements/{slug}/translations/{locale}',
      summary: 'A whole translation: text/markdown (aligned by structure; 422 at the first mismatch) or application/xliff+xml (XLIFF 1.2 or 2.0, answered per unit); broken placeholders refuse the whole upload',
      request: { params, body: { content: { 'text/markdown': { schema: z.string() }, 'application/xliff+xml': { schema: z.string() } } } },
      responses: {
        200: { description: 'What changed', content: { 'application/json': { schema: z.object({ locale: z.string(), revision: z.number(), updated: z.number(), unchanged: z.number(), notTaken: z.array(z.object({ path: z.string(), segmentId: z.string().optional(), what: z.string(), kept: z.string().nullable(), found: z.string().nullable() })).optional().openapi({ description: 'Markdown: what the upload changed outside its texts (a URL, code, a front matter key that is not translated, …), not taken: the source’s stays' }), version: z.enum(['1.2', '2.0']).optional().openapi({ description: 'XLIFF: the version read' }), segmentsNotTaken: z.array(z.object({ segmentId: z.string(), reason: z.enum(['outdated', 'source_text']) })).optional().openapi({ description: 'Markdown: every segment whose text was not taken (its text now stays), and why: `outdated` (an earlier text of the segment, not its current one: an old copy), `source_text` (the source’s text where the segment has none: the export put it there)' }), refused: z.number().optional(), units: z.array(z.object({ id: z.string(), outcome: z.enum(['updated', 'unchanged', 'refused']), state: z.string().optional(), fileState: z.string().optional(), reason: z.enum(['no_target', 'not_translated_in_file', 'segment_not_found', 'state_capped', 'changed_since_export', 'outdated']).optional(), findings: z.array(z.any()).optional() })).optional().openapi({ description: 'XLIFF: every unit of the file, what was done and why (README, Interchange)' }) }) } } },
        422: { description: '`structure_mismatch`: the structure does not match the source; `placeholders_broken`: some texts break their source segment’s placeholders (`details.segments`: every one; nothing stored)', content: { 'application/json': { schema: ErrorBody } } },
        ...errors,
      },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const body = await c.req.text();
      if (type === 'text/markdown') return c.json(await importTranslationMarkdown(ctx, c.get('actor'), { slug, locale, markdown: body }), 200);
      if (type === 'application/xliff+xml' || type === 'application/xml') {
        const answer = await importTranslationXliff(ctx, c.get('actor'), { slug, locale, xml: body });
        return c.json({ ...answer, units: answer.units.map((u) => (u.findings ? withMessages([u as typeof u & { findings: NonNullable<typeof u.findings> }], c)[0]! : u)) }, 200);
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
        422: { description: '`placeholders_broken`: the text does not keep the source segment’s placeholders once each, well formed and properly nested', content: { 'application/json': { schema: ErrorBody } } },
        ...errors,
      },
    }),
    async (c) => {
      const { slug, locale, segmentId } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      await editSegment(ctx, c.get('actor'), { slug, locale, segmentId, text: c.req.valid('json').text, expectedVersion });
      const segment = (await getTranslation(ctx, slug, locale, { segmentIds: [segmentId], edition: false })).segments[0]!;
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
      summary: 'Approve or request changes, per segment or for the locale; an approval names the versions it approves (`versions`, or If-Match: the translation’s ETag)',
      request: { params, headers: z.object({ 'if-match': z.string().optional() }), body: { content: { 'application/json': { schema: ReviewBody } }, required: true } },
      responses: {
        200: { description: 'The decision', content: { 'application/json': { schema: z.object({ locale: z.string(), decision: z.string(), segments: z.array(z.string()) }) } } },
        412: { description: 'A segment changed since it was read: details name the segments, their versions and texts', content: { 'application/json': { schema: ErrorBody } } },
        428: { description: 'An approval without the versions it approves', content: { 'application/json': { schema: ErrorBody } } },
        ...errors,
      },
    }),
    async (c) => {
      const { slug, locale } = c.req.valid('param');
      const body = c.req.valid('json');
      const ifMatch = c.req.header('if-match');
      return c.json(
        await review(ctx, c.get('actor'), {
          slug,
          locale,
          decision: body.decision,
          ...(body.segments ? { segments: body.segments } : {}),
          ...(body.versions ? { versions: body.versions } : {}),
          ...(ifMatch ? { ifMatch } : {}),
          ...(body.comment ? { comment: body.comment } : {}),
        }),
        200,
      );
    },
  );
  return app;
}
