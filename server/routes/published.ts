/**
 * Published editions for readers, no token: only live editions are ever served (published,
 * embargo passed, not withdrawn). Markdown, sanitised HTML or {mdast, edition, provenance},
 * by suffix (.md, .html, .json) or Accept; strong ETags, 304, cache headers for a CDN.
 * /published/{slug} chooses the locale from Accept-Language with a fallback chain.
 */
import { Hono, type Context } from 'hono';
import Negotiator from 'negotiator';
import type { Config } from '../../src/config.ts';
import { canonicalLocale } from '../../src/locale.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { chooseLocale, liveLocales } from '../../src/operations/read-published.ts';
import { liveEdition } from '../../src/operations/read-statements.ts';
import { renderEditionHtml } from '../../src/publishing/render-html.ts';
import type { Root } from 'mdast';

type Kind = 'md' | 'html' | 'json';
const types: Record<Kind, string> = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8' };
const byMediaType: Record<string, Kind> = { 'text/markdown': 'md', 'text/html': 'html', 'application/json': 'json' };
const cacheControl = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';

function kindFromAccept(accept: string | undefined): Kind {
  const chosen = new Negotiator({ headers: { accept: accept ?? '*/*' } }).mediaType(Object.keys(byMediaType));
  return chosen ? byMediaType[chosen]! : 'md';
}

export function publishedRoutes(ctx: OperationContext, config: Config) {
  const app = new Hono();

  const serve = async (c: Context, slug: string, locale: string, kind: Kind, extraHeaders: Record<string, string>) => {
    const edition = await liveEdition(ctx, slug, locale);
    const etag = `"${edition.hash}.${kind}"`;
    const { locales } = await liveLocales(ctx, slug);
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': cacheControl,
      'Content-Language': edition.locale,
      Link: locales.map((l) => `</published/${slug}/${l}>; rel="alternate"; hreflang="${l}"`).join(', '),
      ...extraHeaders,
    };
    if ((c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim()).includes(etag)) return c.body(null, 304, headers);
    const body =
      kind === 'md' ? edition.markdown
      : kind === 'html' ? renderEditionHtml(edition.mdast as Root, edition.locale)
      : JSON.stringify({ mdast: edition.mdast, edition: { id: edition.id, slug, locale: edition.locale, hash: edition.hash, sourceRevision: edition.sourceRevision, publishedAt: edition.publishedAt }, provenance: edition.provenance });
    return c.body(body, 200, { ...headers, 'Content-Type': types[kind] });
  };

  app.get('/:slug/:file', async (c) => {
    const m = /^(.+?)(?:\.(md|html|json))?$/.exec(c.req.param('file'))!;
    const locale = canonicalLocale(m[1]!);
    const kind = (m[2] as Kind | undefined) ?? kindFromAccept(c.req.header('accept'));
    return serve(c, c.req.param('slug'), locale, kind, m[2] ? {} : { Vary: 'Accept' });
  });

  app.get('/:slug', async (c) => {
    const slug = c.req.param('slug');
    const wanted = new Negotiator({ headers: { 'accept-language': c.req.header('accept-language') ?? '' } }).languages();
    const { locale } = await chooseLocale(ctx, slug, wanted.filter((l) => l !== '*'), config.fallbackLocales);
    return serve(c, slug, locale, kindFromAccept(c.req.header('accept')), { Vary: 'Accept-Language, Accept', 'Content-Location': `/published/${slug}/${locale}` });
  });
  return app;
}
