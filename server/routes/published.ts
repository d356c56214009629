/**
 * Published editions for readers, no token: only live editions are ever served (published,
 * embargo passed, not withdrawn). Markdown, sanitised HTML or {mdast, edition, provenance},
 * by suffix (.md, .html, .json) or Accept; strong ETags, 304, cache headers for a CDN.
 * /published/{slug} chooses the locale from Accept-Language with a fallback chain.
 *
 * Hot path: once a statement's live editions and an edition's bodies are loaded, a request
 * is answered synchronously from the cache, with header sets made once per index (security
 * headers included: server/public-headers.ts).
 */
import { Hono, type Context } from 'hono';
import Negotiator from 'negotiator';
import type { Config } from '../../src/config.ts';
import { DomainError } from '../../src/errors.ts';
import { canonicalLocale } from '../../src/locale.ts';
import { chooseLocale, type LiveEditionRef, type PublishedIndex } from '../../src/operations/read-published.ts';
import type { PublishedCache, Rendered } from '../published-cache.ts';
import { markIdSent } from '../middleware/request-log.ts';
import { publicHeaders, type PublicHeaders } from '../public-headers.ts';

type Kind = 'md' | 'html' | 'json';
const types: Record<Kind, string> = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8' };
const byMediaType: Record<string, Kind> = { 'text/markdown': 'md', 'text/html': 'html', 'application/json': 'json' };
const cacheControl = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';

function kindFromAccept(accept: string | undefined): Kind {
  if (!accept || accept === '*/*') return 'md';
  const chosen = new Negotiator({ headers: { accept } }).mediaType(Object.keys(byMediaType));
  return chosen ? byMediaType[chosen]! : 'md';
}

/** The headers of one representation, made once per index and locale. */
interface Representation {
  etag: string;
  headers: Record<string, string>;
  /** The 200's: the same and the Content-Type. */
  ok: Record<string, string>;
}

const representations = new WeakMap<PublishedIndex, Map<string, Representation>>();

function representation(index: PublishedIndex, ref: LiveEditionRef, kind: Kind, secure: PublicHeaders): Representation {
  let byKey = representations.get(index);
  if (!byKey) {
    byKey = new Map();
    representations.set(index, byKey);
  }
  const key = `${ref.locale}.${kind}`;
  let rep = byKey.get(key);
  if (!rep) {
    // The content hash, and the edition (the footer and the JSON name it: the same text republished is another edition).
    const etag = `"${ref.hash}-${ref.id.slice(0, 8)}.${kind}"`;
    const link = [...index.live.keys()].sort().map((l) => `</published/${index.slug}/${l}>; rel="alternate"; hreflang="${l}"`).join(', ');
    const headers = { ETag: etag, 'Cache-Control': cacheControl, 'Content-Language': ref.locale, Link: link, ...(kind === 'html' ? secure.html : secure.other) };
    rep = { etag, headers, ok: { ...headers, 'Content-Type': types[kind] } };
    byKey.set(key, rep);
  }
  return rep;
}

/** A file name (`fr-CA.html`, `ar`) → canonical locale and suffix, parsed once per spelling. */
const files = new Map<string, { locale: string; kind: Kind | undefined }>();

function parseFile(file: string): { locale: string; kind: Kind | undefined } {
  let parsed = files.get(file);
  if (parsed === undefined) {
    // `s`: any character may be in the name (`fr%0A`); the language tag check refuses it (400 locale_invalid).
    const m = /^(.+?)(?:\.(md|html|json))?$/s.exec(file);
    if (!m?.[1]) throw new DomainError('not_found', `No published file ${JSON.stringify(file)}`, { path: file });
    parsed = { locale: canonicalLocale(m[1]), kind: m[2] as Kind | undefined };
    if (files.size < 10_000) files.set(file, parsed);
  }
  return parsed;
}

function matches(inm: string, etag: string): boolean {
  return inm === etag || inm.split(',').some((t) => t.trim() === etag);
}

function withId(c: Context, headers: Record<string, string>): Record<string, string> {
  const id = markIdSent(c);
  return id ? { ...headers, 'X-Request-Id': id } : headers;
}

function answer(c: Context, rep: Representation, kind: Kind, rendered: Rendered | undefined, extra: Record<string, string> | undefined): Response | undefined {
  // A Response with a plain header object made once (no Headers built per request: the node
  // server writes it as it is); nothing else sets headers on these routes.
  // The request id goes into the same object (the log middleware then leaves the answer alone).
  const inm = c.req.header('if-none-match');
  if (inm && matches(inm, rep.etag)) return new Response(null, { status: 304, headers: withId(c, extra ? { ...rep.headers, ...extra } : rep.headers) });
  if (!rendered) return undefined;
  return new Response(rendered[kind], { status: 200, headers: withId(c, extra ? { ...rep.ok, ...extra } : rep.ok) });
}

export function publishedRoutes(cache: PublishedCache, config: Config) {
  const app = new Hono();
  const secure = publicHeaders(config.publicFrameAncestors);

  const liveRef = (index: PublishedIndex, slug: string, locale: string): LiveEditionRef => {
    const ref = index.live.get(locale);
    if (!ref) throw new DomainError('edition_not_found', `${slug} has no published ${locale} edition`, { slug, locale });
    return ref;
  };

  const serve = async (c: Context, slug: string, locale: string, kind: Kind, extra: Record<string, string> | undefined) => {
    const index = await cache.index(slug);
    const ref = liveRef(index, slug, locale);
    const rep = representation(index, ref, kind, secure);
    return answer(c, rep, kind, undefined, extra) ?? answer(c, rep, kind, await cache.rendered(slug, ref), extra)!;
  };

  const suffixVary = { Vary: 'Accept' };
  app.get('/:slug/:file', (c) => {
    const slug = c.req.param('slug');
    const { locale, kind: suffix } = parseFile(c.req.param('file'));
    const kind = suffix ?? kindFromAccept(c.req.header('accept'));
    const extra = suffix ? undefined : suffixVary;
    const index = cache.indexNow(slug);
    if (index) {
      const ref = liveRef(index, slug, locale);
      const fast = answer(c, representation(index, ref, kind, secure), kind, cache.renderedNow(ref.id), extra);
      if (fast) return fast;
    }
    return serve(c, slug, locale, kind, extra);
  });

  app.get('/:slug', async (c) => {
    const slug = c.req.param('slug');
    const wanted = new Negotiator({ headers: { 'accept-language': c.req.header('accept-language') ?? '' } }).languages().filter((l) => l !== '*');
    const locale = chooseLocale(await cache.index(slug), wanted, config.fallbackLocales);
    return serve(c, slug, locale, kindFromAccept(c.req.header('accept')), { Vary: 'Accept-Language, Accept', 'Content-Location': `/published/${slug}/${locale}` });
  });
  return app;
}
