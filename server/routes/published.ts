/**
 * Published editions for readers, no token: only live editions are ever served (published,
 * embargo passed, not withdrawn). Markdown, sanitised HTML or {mdast, edition, provenance},
 * by suffix (.md, .html, .json) or Accept; strong ETags, 304, cache headers for a CDN.
 * /published/{slug} chooses the locale from Accept-Language with a fallback chain.
 */
import { Hono, type Context } from 'hono';
import Negotiator from 'negotiator';
import type { Config } from '../../src/config.ts';
import { DomainError } from '../../src/errors.ts';
import { canonicalLocale } from '../../src/locale.ts';
import { chooseLocale, type PublishedIndex } from '../../src/operations/read-published.ts';
import type { PublishedCache } from '../published-cache.ts';

type Kind = 'md' | 'html' | 'json';
const types: Record<Kind, string> = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8' };
const byMediaType: Record<string, Kind> = { 'text/markdown': 'md', 'text/html': 'html', 'application/json': 'json' };
const cacheControl = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';

function kindFromAccept(accept: string | undefined): Kind {
  if (!accept || accept === '*/*') return 'md';
  const chosen = new Negotiator({ headers: { accept } }).mediaType(Object.keys(byMediaType));
  return chosen ? byMediaType[chosen]! : 'md';
}

const links = new WeakMap<PublishedIndex, string>();

/** The hreflang alternates of a statement, made once per index. */
function linkHeader(index: PublishedIndex): string {
  let link = links.get(index);
  if (link === undefined) {
    link = [...index.live.keys()].sort().map((l) => `</published/${index.slug}/${l}>; rel="alternate"; hreflang="${l}"`).join(', ');
    links.set(index, link);
  }
  return link;
}

const canonical = new Map<string, string>();

/** Canonical tags are looked up once per spelling. */
function canonicalOnce(tag: string): string {
  let c = canonical.get(tag);
  if (c === undefined) {
    c = canonicalLocale(tag);
    if (canonical.size < 10_000) canonical.set(tag, c);
  }
  return c;
}

export function publishedRoutes(cache: PublishedCache, config: Config) {
  const app = new Hono();

  const serve = async (c: Context, slug: string, locale: string, kind: Kind, extraHeaders: Record<string, string>) => {
    const index = await cache.index(slug);
    const ref = index.live.get(locale);
    if (!ref) throw new DomainError('edition_not_found', `${slug} has no published ${locale} edition`, { slug, locale });
    const etag = `"${ref.hash}.${kind}"`;
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': cacheControl,
      'Content-Language': ref.locale,
      Link: linkHeader(index),
      ...extraHeaders,
    };
    const inm = c.req.header('if-none-match');
    if (inm && (inm === etag || inm.split(',').some((t) => t.trim() === etag))) return c.body(null, 304, headers);
    const rendered = await cache.rendered(slug, ref);
    return c.body(rendered[kind], 200, { ...headers, 'Content-Type': types[kind] });
  };

  app.get('/:slug/:file', async (c) => {
    const m = /^(.+?)(?:\.(md|html|json))?$/.exec(c.req.param('file'))!;
    const locale = canonicalOnce(m[1]!);
    const kind = (m[2] as Kind | undefined) ?? kindFromAccept(c.req.header('accept'));
    return serve(c, c.req.param('slug'), locale, kind, m[2] ? {} : { Vary: 'Accept' });
  });

  app.get('/:slug', async (c) => {
    const slug = c.req.param('slug');
    const wanted = new Negotiator({ headers: { 'accept-language': c.req.header('accept-language') ?? '' } }).languages().filter((l) => l !== '*');
    const locale = chooseLocale(await cache.index(slug), wanted, config.fallbackLocales);
    return serve(c, slug, locale, kindFromAccept(c.req.header('accept')), { Vary: 'Accept-Language, Accept', 'Content-Location': `/published/${slug}/${locale}` });
  });
  return app;
}
