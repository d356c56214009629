/**
 * Public feeds of published statements per locale: /feeds/{locale}.rss and /feeds/{locale}.atom
 * (built by server/feed-cache.ts). With EDITIONS_PUBLIC_URL unset the absolute URLs come from
 * the request's own origin, and shared caches are told not to keep them.
 */
import { Hono } from 'hono';
import type { Config } from '../../src/config.ts';
import { DomainError } from '../../src/errors.ts';
import type { FeedCache } from '../feed-cache.ts';
import { publicHeaders } from '../public-headers.ts';
import { noneMatch, pathLocale } from '../public-request.ts';

const types = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8' } as const;

export function feedRoutes(cache: FeedCache, config: Config) {
  const app = new Hono();
  const secure = publicHeaders(config.publicFrameAncestors).other;
  app.get('/:file', async (c) => {
    const m = /^(.+)\.(rss|atom)$/.exec(c.req.param('file'));
    if (!m) throw new DomainError('not_found', `No feed ${c.req.param('file').slice(0, 100)}`, { path: c.req.path.slice(0, 120) });
    const locale = pathLocale(m[1]!);
    const kind = m[2] as 'rss' | 'atom';
    const site = config.publicUrl ?? new URL(c.req.url).origin;
    const feed = (await cache.feeds(locale, site))[kind];
    const headers = {
      ETag: feed.etag,
      'Cache-Control': config.publicUrl ? 'public, max-age=60, s-maxage=300' : 'public, max-age=60, s-maxage=0',
      'Content-Language': locale,
      ...secure,
    };
    const inm = c.req.header('if-none-match');
    if (inm && noneMatch(inm, feed.etag)) return c.body(null, 304, headers);
    return c.body(feed.body, 200, { ...headers, 'Content-Type': types[kind] });
  });
  return app;
}
