/**
 * Each locale's feeds, built again at most once a second where changes may go unannounced
 * (feeds are public and unauthenticated), and at once after a publication or withdrawal
 * through any instance (a change notice, src/store/change-feed.ts) or the end of an embargo;
 * kept at most 30 s while every change is announced (as server/published-cache.ts).
 */
import { createHash } from 'node:crypto';
import type { OperationContext } from '../src/operations/context.ts';
import { liveEditionsUntil } from '../src/operations/live-editions.ts';
import { editionFeeds } from '../src/publishing/edition-feeds.ts';
import { expiryOf, type PublishedCacheOptions } from './published-cache.ts';

export type FeedBodies = Record<'rss' | 'atom', { body: string; etag: string }>;

export class FeedCache {
  private readonly built = new Map<string, { expires: number; feeds: Promise<FeedBodies> }>();
  private readonly ttlMs: number;
  private readonly noticedTtlMs: number;
  private readonly noticed: () => boolean;

  constructor(private readonly ctx: OperationContext, options: Omit<PublishedCacheOptions, 'maxBodies'> = {}) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.noticedTtlMs = options.noticedTtlMs ?? 30_000;
    this.noticed = options.noticed ?? (() => false);
  }

  forget(): void {
    this.built.clear();
  }

  feeds(locale: string, site: string): Promise<FeedBodies> {
    const key = `${site}\u0000${locale}`;
    const now = this.ctx.now().getTime();
    const hit = this.built.get(key);
    if (hit && hit.expires > now) return hit.feeds;
    const entry = { expires: now + (this.noticed() ? this.noticedTtlMs : this.ttlMs), feeds: undefined as unknown as Promise<FeedBodies> };
    entry.feeds = liveEditionsUntil(this.ctx, { locale, limit: 50 }).then(({ editions, nextChangeAt }) => {
      entry.expires = expiryOf(now, entry.expires - now, nextChangeAt);
      const f = editionFeeds(editions, {
        locale,
        siteUrl: site,
        urlOf: (slug, l) => `${site}/published/${slug}/${l}`,
        feedUrls: { rss: `${site}/feeds/${locale}.rss`, atom: `${site}/feeds/${locale}.atom` },
      });
      const tag = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      return { rss: { body: f.rss, etag: tag(f.rss) }, atom: { body: f.atom, etag: tag(f.atom) } };
    });
    this.built.set(key, entry);
    entry.feeds.catch(() => {
      if (this.built.get(key) === entry) this.built.delete(key);
    });
    if (this.built.size > 1000) this.built.delete(this.built.keys().next().value!);
    return entry.feeds;
  }
}
