/** Public feeds of published statements per locale: /feeds/{locale}.rss and /feeds/{locale}.atom. */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Config } from '../../src/config.ts';
import { DomainError } from '../../src/errors.ts';
import { canonicalLocale } from '../../src/locale.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { liveEditions } from '../../src/operations/live-editions.ts';
import { editionFeeds } from '../../src/publishing/edition-feeds.ts';

const types = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8' } as const;

export function feedRoutes(ctx: OperationContext, config: Config) {
  const app = new Hono();
  app.get('/:file', async (c) => {
    const m = /^(.+)\.(rss|atom)$/.exec(c.req.param('file'));
    if (!m) throw new DomainError('not_found', `No feed ${c.req.param('file')}`, { path: c.req.path });
    const locale = canonicalLocale(m[1]!);
    const kind = m[2] as 'rss' | 'atom';
    const site = config.publicUrl ?? new URL(c.req.url).origin;
    const feeds = editionFeeds(await liveEditions(ctx, { locale, limit: 50 }), {
      locale,
      siteUrl: site,
      urlOf: (slug, l) => `${site}/published/${slug}/${l}`,
      feedUrls: { rss: `${site}/feeds/${locale}.rss`, atom: `${site}/feeds/${locale}.atom` },
    });
    const body = feeds[kind];
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=60, s-maxage=300', 'Content-Language': locale };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'Content-Type': types[kind] });
  });
  return app;
}
