/**
 * Each locale's feeds, built again at most once a second where changes may go unannounced
 * (feeds are public and unauthenticated), and at once after a publication or withdrawal
 * through any instance (a change notice, src/store/change-feed.ts) or the end of an embargo;
 * kept at most 30 s while every change is announced (as server/published-cache.ts). An
 * lru-cache instance keyed by site and locale: at most `maxFeeds` (1,000) kept, the least
 * recently used going first, and one build in flight per key.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { OperationContext } from '../src/operations/context.ts';
import { liveEditionsUntil } from '../src/operations/live-editions.ts';
import { editionFeeds } from '../src/publishing/edition-feeds.ts';
import { clockOf, fetched, keptFor } from './published-cache.ts';

export type FeedBodies = Record<'rss' | 'atom', { body: string; etag: string }>;

export interface FeedCacheOptions {
  /** How long feeds are kept when changes may go unannounced, ms (1 s). */
  ttlMs?: number;
  /** How long while `noticed()`, ms (30 s). */
  noticedTtlMs?: number;
  /** True while every change reaches this process as a notice (ChangeFeed.live). */
  noticed?: () => boolean;
  /** Sites × locales whose feeds are kept (1,000). */
  maxFeeds?: number;
}

export class FeedCache {
  private readonly built: LRUCache<string, FeedBodies>;

  constructor(ctx: OperationContext, options: FeedCacheOptions = {}) {
    const ttlMs = options.ttlMs ?? 1000;
    const noticedTtlMs = options.noticedTtlMs ?? 30_000;
    const noticed = options.noticed ?? (() => false);
    this.built = new LRUCache<string, FeedBodies>({
      max: options.maxFeeds ?? 1000,
      ttl: ttlMs,
      ...clockOf(ctx),
      // A forget() while a build is under way: its callers still get it; it is not kept.
      ignoreFetchAbort: true,
      fetchMethod: async (key, _stale, { options: set }) => {
        const now = ctx.now().getTime();
        const limit = noticed() ? noticedTtlMs : ttlMs;
        const [site, locale] = key.split('\u0000') as [string, string];
        const { editions, nextChangeAt } = await liveEditionsUntil(ctx, { locale, limit: 50 });
        Object.assign(set, keptFor(now, limit, nextChangeAt));
        const f = editionFeeds(editions, {
          locale,
          siteUrl: site,
          urlOf: (slug, l) => `${site}/published/${slug}/${l}`,
          feedUrls: { rss: `${site}/feeds/${locale}.rss`, atom: `${site}/feeds/${locale}.atom` },
        });
        const tag = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        return { rss: { body: f.rss, etag: tag(f.rss) }, atom: { body: f.atom, etag: tag(f.atom) } };
      },
    });
  }

  /** After a publication or a withdrawal anywhere, or a reset of the change feed: build every feed again. */
  forget(): void {
    this.built.clear();
  }

  feeds(locale: string, site: string): Promise<FeedBodies> {
    return fetched(this.built.fetch(`${site}\u0000${locale}`));
  }
}
