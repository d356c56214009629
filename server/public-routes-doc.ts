/**
 * The routes that need no token (/health, /published/…) are plain Hono routes for speed;
 * they are described here so that the OpenAPI document lists every route of the service.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorBody } from './schemas.ts';

const representations = {
  'text/markdown': { schema: z.string() },
  'text/html': { schema: z.string() },
  'application/json': { schema: z.object({ mdast: z.unknown(), edition: z.unknown(), provenance: z.unknown() }) },
};
const cacheHeaders = {
  ETag: { description: 'Strong: the edition hash and the representation', schema: { type: 'string' as const } },
  'Cache-Control': { description: 'Suited to a CDN', schema: { type: 'string' as const } },
  'Content-Language': { description: 'The edition’s locale', schema: { type: 'string' as const } },
  Link: { description: 'rel="alternate" hreflang links to every live locale', schema: { type: 'string' as const } },
};
const notFound = {
  description:
    'No live edition (unpublished, embargoed or withdrawn) or no such statement: `edition_not_found` or `statement_not_found` as JSON; ' +
    'a reader who asked for HTML (a `.html` suffix, or `Accept: text/html` without a suffix) gets instead an HTML page in their language ' +
    '(the locale asked for, else Accept-Language, else EDITIONS_SITE_LANGUAGE) offering the editions of the statement that exist',
  content: {
    'application/json': { schema: ErrorBody },
    'text/html': { schema: z.string().openapi({ description: 'The readers’ 404 page (`Cache-Control: no-store`), linking every live edition of the statement' }) },
  },
};
const ifNoneMatch = z.string().optional().openapi({ param: { name: 'if-none-match', in: 'header' } });

export function documentPublicRoutes(app: OpenAPIHono): void {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/feeds/{file}',
    summary: 'RSS (`{locale}.rss`) or Atom (`{locale}.atom`) feed of the statements published in a locale, with hreflang alternates; corrections marked',
    security: [],
    request: { params: z.object({ file: z.string().openapi({ example: 'fr.atom' }) }) },
    responses: {
      200: { description: 'The feed', content: { 'application/rss+xml': { schema: z.string() }, 'application/atom+xml': { schema: z.string() } } },
      304: { description: 'Not modified (If-None-Match)' },
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Liveness, and the machine-translation providers this instance has',
    security: [],
    responses: { 200: { description: 'Up', content: { 'application/json': { schema: z.object({ status: z.literal('ok'), providers: z.array(z.string()) }) } } } },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/published/{slug}/{file}',
    summary: 'A published edition: {file} is a locale with an optional .md, .html or .json suffix (else Accept decides)',
    security: [],
    request: { params: z.object({ slug: z.string(), file: z.string().openapi({ example: 'fr.html' }) }), headers: z.object({ 'if-none-match': ifNoneMatch }) },
    responses: {
      200: { description: 'The edition', headers: cacheHeaders, content: representations },
      304: { description: 'Not modified (If-None-Match)', headers: cacheHeaders },
      404: notFound,
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/published/{slug}',
    summary: 'The edition for the reader’s Accept-Language (fr-CA → fr → configured fallbacks → source)',
    security: [],
    request: { params: z.object({ slug: z.string() }), headers: z.object({ 'accept-language': z.string().optional(), 'if-none-match': ifNoneMatch }) },
    responses: {
      200: {
        description: 'The chosen edition',
        headers: { ...cacheHeaders, 'Content-Location': { description: '/published/{slug}/{locale}', schema: { type: 'string' as const } }, Vary: { schema: { type: 'string' as const } } },
        content: representations,
      },
      304: { description: 'Not modified (If-None-Match)', headers: cacheHeaders },
      404: notFound,
    },
  });
}
