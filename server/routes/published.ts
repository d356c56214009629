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
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import type { Config } from '../../src/config.ts';
import { DomainError } from '../../src/errors.ts';
import { canonicalLocale } from '../../src/locale.ts';
import { bounds } from '../schemas.ts';
import { chooseLocale, type LiveEditionRef, type PublishedIndex } from '../../src/operations/read-published.ts';
import { htmlDocument, notFoundDocument } from '../../src/publishing/html-document.ts';
import type { PublishedCache, Rendered } from '../published-cache.ts';
import { markIdSent } from '../middleware/request-log.ts';
import { publicHeaders, refusalCaching, type PublicHeaders } from '../public-headers.ts';
import { noneMatch, pathLocale } from '../public-request.ts';

type Kind = 'md' | 'html' | 'json';
const types: Record<Kind, string> = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8' };
const byMediaType: Record<string, Kind> = { 'text/markdown': 'md', 'text/html': 'html', 'application/json': 'json' };
// A shared cache may serve an answer at most 60 s past its freshness (README, "Readers' caches"):
// a withdrawn edition stops being served within s-maxage + 60 s, not a day later.
const cacheControl = 'public, max-age=60, s-maxage=300, stale-while-revalidate=60';

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
    // The content hash, and the edition (the footer and the JSON name it: the same text republished is another edition);
    // for the whole page also the statement's live locales (its alternates and language switcher).
    const etag = `"${ref.hash}-${ref.id.slice(0, 8)}${kind === 'html' ? `-${liveKey(index)}` : ''}.${kind}"`;
    const link = [...index.live.keys()].sort().map((l) => `</published/${index.slug}/${l}>; rel="alternate"; hreflang="${l}"`).join(', ');
    const headers = { ETag: etag, 'Cache-Control': cacheControl, 'Content-Language': ref.locale, Link: link, ...(kind === 'html' ? secure.html : secure.other) };
    rep = { etag, headers, ok: { ...headers, 'Content-Type': types[kind] } };
    byKey.set(key, rep);
  }
  return rep;
}

function liveKey(index: PublishedIndex): string {
  return createHash('sha256').update([...index.live.keys()].sort().join(',')).digest('base64url').slice(0, 8);
}

/**
 * The whole page of an edition (src/publishing/html-document.ts), made once per set of live
 * editions (a PublishedIndex) and locale, around the article rendered once per edition.
 */
const pages = new WeakMap<PublishedIndex, Map<string, string>>();

function editionUrl(base: string, slug: string, locale: string): string {
  return `${base}/published/${encodeURIComponent(slug)}/${encodeURIComponent(locale)}.html`;
}

function pageOf(index: PublishedIndex, ref: LiveEditionRef, rendered: Rendered, cache: PublishedCache, base: string): string {
  let byLocale = pages.get(index);
  if (!byLocale) {
    byLocale = new Map();
    pages.set(index, byLocale);
  }
  let page = byLocale.get(ref.id);
  if (page === undefined) {
    page = htmlDocument({
      locale: ref.locale,
      title: rendered.title,
      description: rendered.summary,
      article: rendered.article,
      canonical: editionUrl(base, index.slug, ref.locale),
      alternates: [...index.live.keys()].sort().map((l) => ({ locale: l, url: editionUrl(base, index.slug, l) })),
      sourceLocale: index.sourceLocale,
      labels: cache.labels,
    });
    byLocale.set(ref.id, page);
  }
  return page;
}

/**
 * A file name (`fr-CA.html`, `ar`) → canonical locale and suffix, parsed once per spelling and
 * kept for the next request: at most 10,000 spellings (least recently used out first), each
 * at most a language tag and a suffix long (a longer language part is refused before it is
 * parsed, and what is refused is not kept), so a stream of odd names holds at most about 2 MB.
 */
const files = new LRUCache<string, { locale: string; kind: Kind | undefined }>({ max: 10_000 });

function parseFile(file: string): { locale: string; kind: Kind | undefined } {
  let parsed = files.get(file);
  if (parsed === undefined) {
    // `s`: any character may be in the name (`fr%0A`); the language tag check refuses it (400 locale_invalid).
    const m = /^(.+?)(?:\.(md|html|json))?$/s.exec(file);
    if (!m?.[1]) throw new DomainError('not_found', `No published file ${JSON.stringify(file.slice(0, 100))}`, { path: file.slice(0, 100) });
    parsed = { locale: pathLocale(m[1]), kind: m[2] as Kind | undefined };
    files.set(file, parsed);
  }
  return parsed;
}

function withId(c: Context, headers: Record<string, string>): Record<string, string> {
  const id = markIdSent(c);
  return id ? { ...headers, 'X-Request-Id': id } : headers;
}

function answer(c: Context, rep: Representation, body: (() => string) | undefined, extra: Record<string, string> | undefined): Response | undefined {
  // A Response with a plain header object made once (no Headers built per request: the node
  // server writes it as it is); nothing else sets headers on these routes.
  // The request id goes into the same object (the log middleware then leaves the answer alone).
  const inm = c.req.header('if-none-match');
  if (inm && noneMatch(inm, rep.etag)) return new Response(null, { status: 304, headers: withId(c, extra ? { ...rep.headers, ...extra } : rep.headers) });
  if (!body) return undefined;
  return new Response(body(), { status: 200, headers: withId(c, extra ? { ...rep.ok, ...extra } : rep.ok) });
}

/** The first language of Accept-Language that is a valid tag, canonical; undefined when none is. */
function firstTag(acceptLanguage: string | undefined): string | undefined {
  if (!acceptLanguage) return undefined;
  for (const l of new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages()) {
    if (l === '*' || l.length > bounds.tag) continue;
    try {
      return canonicalLocale(l);
    } catch {
      // not a language tag: the next one
    }
  }
  return undefined;
}

export function publishedRoutes(cache: PublishedCache, config: Config) {
  const app = new Hono();
  const secure = publicHeaders(config.publicFrameAncestors);

  const liveRef = (index: PublishedIndex, slug: string, locale: string): LiveEditionRef => {
    const ref = index.live.get(locale);
    if (!ref) throw new DomainError('edition_not_found', `${slug} has no published ${locale} edition`, { slug, locale });
    return ref;
  };

  const base = config.publicUrl ?? '';
  const bodyOf = (index: PublishedIndex, ref: LiveEditionRef, kind: Kind, rendered: Rendered | undefined): (() => string) | undefined => {
    if (!rendered) return undefined;
    if (kind === 'html') return () => pageOf(index, ref, rendered, cache, base);
    return () => rendered[kind];
  };

  const serve = async (c: Context, slug: string, locale: string, kind: Kind, extra: Record<string, string> | undefined) => {
    const index = await cache.index(slug);
    const ref = liveRef(index, slug, locale);
    const rep = representation(index, ref, kind, secure);
    return answer(c, rep, undefined, extra) ?? answer(c, rep, bodyOf(index, ref, kind, await cache.rendered(slug, ref)), extra)!;
  };

  /**
   * A reader who asked for HTML and finds nothing gets a page in their language (the locale
   * asked for, else Accept-Language) offering the editions that exist; others the JSON error.
   */
  const notFoundPage = async (c: Context, error: unknown, slug: string, locale: string | undefined): Promise<Response> => {
    if (!(error instanceof DomainError) || (error.code !== 'edition_not_found' && error.code !== 'statement_not_found')) throw error;
    let editions: { locale: string; url: string }[] = [];
    let known = false;
    if (error.code === 'edition_not_found') {
      known = true;
      const index = await cache.index(slug).catch(() => undefined);
      editions = index ? [...index.live.keys()].sort().map((l) => ({ locale: l, url: editionUrl(base, slug, l) })) : [];
    }
    // Only a language tag goes into Content-Language and the page's lang (any token may come in Accept-Language).
    const language = locale ?? firstTag(c.req.header('accept-language')) ?? cache.labels.siteLanguage ?? 'en';
    const html = notFoundDocument({ locale: language, editions, statementKnown: known, labels: cache.labels });
    return new Response(html, { status: 404, headers: withId(c, { ...secure.html, 'Content-Type': types.html, 'Content-Language': language, ...refusalCaching }) });
  };

  const suffixVary = { Vary: 'Accept' };
  app.get('/:slug/:file', (c) => {
    const slug = c.req.param('slug');
    const { locale, kind: suffix } = parseFile(c.req.param('file'));
    const kind = suffix ?? kindFromAccept(c.req.header('accept'));
    const extra = suffix ? undefined : suffixVary;
    const index = cache.indexNow(slug);
    if (index) {
      const ref = index.live.get(locale);
      if (ref) {
        const fast = answer(c, representation(index, ref, kind, secure), bodyOf(index, ref, kind, cache.renderedNow(ref.id)), extra);
        if (fast) return fast;
      }
    }
    const slow = serve(c, slug, locale, kind, extra);
    return kind === 'html' ? slow.catch((error: unknown) => notFoundPage(c, error, slug, locale)) : slow;
  });

  app.get('/:slug', async (c) => {
    const slug = c.req.param('slug');
    const kind = kindFromAccept(c.req.header('accept'));
    const wanted = new Negotiator({ headers: { 'accept-language': c.req.header('accept-language') ?? '' } }).languages().filter((l) => l !== '*');
    try {
      const locale = chooseLocale(await cache.index(slug), wanted, config.fallbackLocales);
      return await serve(c, slug, locale, kind, { Vary: 'Accept-Language, Accept', 'Content-Location': `/published/${slug}/${locale}` });
    } catch (error) {
      if (kind === 'html') return notFoundPage(c, error, slug, undefined);
      throw error;
    }
  });
  return app;
}
