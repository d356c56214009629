/**
 * Each locale's feeds, built at most once a second (feeds are public and unauthenticated),
 * and built again at once after a publication or withdrawal through this service.
 */
import { createHash } from 'node:crypto';
import type { OperationContext } from '../src/operations/context.ts';
import { liveEditions } from '../src/operations/live-editions.ts';
import { editionFeeds } from '../src/publishing/edition-feeds.ts';

export type FeedBodies = Record<'rss' | 'atom', { body: string; etag: string }>;

export class FeedCache {
  private readonly built = new Map<string, { at: number; feeds: Promise<FeedBodies> }>();

  constructor(private readonly ctx: OperationContext, private readonly ttlMs = 1000) {}

  forget(): void {
    this.built.clear();
  }

  feeds(locale: string, site: string): Promise<FeedBodies> {
    const key = `${site}\u0000${locale}`;
    const hit = this.built.get(key);
    if (hit && hit.at > Date.now() - this.ttlMs) return hit.feeds;
    const feeds = liveEditions(this.ctx, { locale, limit: 50 }).then((editions) => {
      const f = editionFeeds(editions, {
        locale,
        siteUrl: site,
        urlOf: (slug, l) => `${site}/published/${slug}/${l}`,
        feedUrls: { rss: `${site}/feeds/${locale}.rss`, atom: `${site}/feeds/${locale}.atom` },
      });
      const tag = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      return { rss: { body: f.rss, etag: tag(f.rss) }, atom: { body: f.atom, etag: tag(f.atom) } };
    });
    this.built.set(key, { at: Date.now(), feeds });
    feeds.catch(() => this.built.delete(key));
    if (this.built.size > 1000) this.built.delete(this.built.keys().next().value!);
    return feeds;
  }
}
