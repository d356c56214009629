/**
 * The feed cache as an lru-cache (server/feed-cache.ts), on the context's clock (w.at moves
 * it; no sleeps): kept one second (30 s where every change is noticed) and never past an
 * embargo's end, one build in flight per site and locale, a forget during a build, the bound.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { FeedCache } from '../../server/feed-cache.ts';
import { counting } from '../support/counting-store.ts';
import { sqlite } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

const site = 'https://news.example.org';

describe('the feed cache (lru-cache, on the context’s clock)', () => {
  const world = useWorld(sqlite);

  it('keeps a locale’s feeds one second (30 s where every change is noticed), and not past an embargo’s end', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'now', sourceLocale: 'en', markdown: '# Out now\n\nText.\n' });
    await publish(w.ctx, w.publisher, { slug: 'now', locales: ['en'] });
    const { ctx, reads } = counting(w.ctx);
    w.at('2026-05-01T10:00:00.000Z');
    const feeds = new FeedCache(ctx);
    const first = await feeds.feeds('en', site);
    // The queries of one build (then counted in builds).
    const perBuild = reads();
    const builds = () => reads() / perBuild;
    expect(first.rss.body).toContain('Out now');
    expect(first.atom.etag).toMatch(/^"[\w-]{27}"$/);
    w.at('2026-05-01T10:00:00.999Z');
    expect(await feeds.feeds('en', site)).toBe(first);
    expect(builds()).toBe(1);
    w.at('2026-05-01T10:00:01.000Z');
    const second = await feeds.feeds('en', site);
    expect(second).not.toBe(first);
    expect(builds()).toBe(2);

    const noticed = new FeedCache(ctx, { noticed: () => true });
    const kept = await noticed.feeds('en', site);
    await createStatement(w.ctx, w.publisher, { slug: 'held', sourceLocale: 'en', markdown: '# Held back\n\nText.\n' });
    await publish(w.ctx, w.publisher, { slug: 'held', locales: ['en'], embargoUntil: '2026-05-01T10:00:20.000Z' });
    // Read after the embargoed publication (no notice reaches these caches here): ends at the embargo.
    const fresh = new FeedCache(ctx, { noticed: () => true });
    const before = await fresh.feeds('en', site);
    expect(before.atom.body).not.toContain('Held back');
    w.at('2026-05-01T10:00:19.999Z');
    expect(await fresh.feeds('en', site)).toBe(before);
    w.at('2026-05-01T10:00:20.000Z');
    expect((await fresh.feeds('en', site)).atom.body).toContain('Held back');
    // The first, read before the embargoed publication, kept its 30 s.
    w.at('2026-05-01T10:00:30.999Z');
    expect(await noticed.feeds('en', site)).toBe(kept);
    w.at('2026-05-01T10:00:31.000Z');
    expect(await noticed.feeds('en', site)).not.toBe(kept);
  });

  it('builds once for concurrent requests, per site and locale; a forget during a build answers its requests and keeps nothing', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'one', sourceLocale: 'en', markdown: '# One\n\nText.\n' });
    await publish(w.ctx, w.publisher, { slug: 'one', locales: ['en'] });
    const { ctx, reads } = counting(w.ctx);
    const feeds = new FeedCache(ctx);
    await new FeedCache(ctx).feeds('en', site);
    const perBuild = reads();
    const builds = () => reads() / perBuild - 1;
    const [a, b, other] = await Promise.all([feeds.feeds('en', site), feeds.feeds('en', site), feeds.feeds('en', 'http://127.0.0.1:8080')]);
    expect(b).toBe(a);
    expect(other.atom.body).toContain('http://127.0.0.1:8080/published/one/en');
    expect(builds()).toBe(2);

    feeds.forget();
    const pending = feeds.feeds('en', site);
    feeds.forget();
    expect((await pending).rss.body).toContain('One');
    expect(builds()).toBe(3);
    await feeds.feeds('en', site);
    expect(builds()).toBe(4);
  });

  it('keeps at most `maxFeeds` sites × locales, the least recently used going first', async () => {
    const w = world();
    const { ctx, reads } = counting(w.ctx);
    const feeds = new FeedCache(ctx, { noticed: () => true, maxFeeds: 2 });
    await feeds.feeds('en', site);
    const perBuild = reads();
    const builds = () => reads() / perBuild;
    await feeds.feeds('fr', site);
    await feeds.feeds('en', site);
    // A third: `fr`, the least recently used, goes.
    await feeds.feeds('ar', site);
    expect(builds()).toBe(3);
    await feeds.feeds('en', site);
    expect(builds()).toBe(3);
    await feeds.feeds('fr', site);
    expect(builds()).toBe(4);
  });
});
