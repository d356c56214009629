/**
 * Readers' caches and embargoes, on the context's clock: what the published cache and the feed
 * cache keep ("the previous edition is live", or "nothing is") ends at the next embargo's end
 * to the millisecond, even when they would otherwise keep it longer (the noticed time limit,
 * 30 s, as with a live PostgreSQL change feed), so that every instance shows an embargoed
 * edition at that instant.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { FeedCache } from '../../server/feed-cache.ts';
import { PublishedCache } from '../../server/published-cache.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('readers’ caches and embargoes ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('keep what is live until the next embargo ends, not a millisecond longer', async () => {
    const w = world();
    w.at('2026-05-01T09:00:00.000Z');
    await createStatement(w.ctx, w.publisher, { slug: 'timed', sourceLocale: 'en', markdown: '# Timed\n\nFirst.\n' });
    await createStatement(w.ctx, w.publisher, { slug: 'later', sourceLocale: 'en', markdown: '# Later\n\nNot yet.\n' });
    const [first] = (await publish(w.ctx, w.publisher, { slug: 'timed', locales: ['en'] })).editions;
    await reviseSource(w.ctx, w.publisher, { slug: 'timed', markdown: '# Timed, corrected\n\nSecond.\n', expectedRevision: 1 });
    const embargo = '2026-05-01T10:00:00.000Z';
    const [second] = (await publish(w.ctx, w.publisher, { slug: 'timed', locales: ['en'], embargoUntil: embargo })).editions;
    await publish(w.ctx, w.publisher, { slug: 'later', locales: ['en'], embargoUntil: embargo });

    const published = new PublishedCache(w.ctx, { noticed: () => true });
    const feeds = new FeedCache(w.ctx, { noticed: () => true });
    // Read 20 s before the end: the noticed time limit (30 s) would keep it 10 s past it.
    w.at('2026-05-01T09:59:40.000Z');
    const before = await published.index('timed');
    expect(before.live.get('en')?.id).toBe(first!.id);
    expect(before.nextChangeAt).toBe(embargo);
    expect((await published.index('later')).live.size).toBe(0);
    expect((await feeds.feeds('en', 'https://example.org')).atom.body).not.toContain('Timed, corrected');

    // A millisecond before: still what was read.
    w.at('2026-05-01T09:59:59.999Z');
    expect(published.indexNow('timed')).toBe(before);
    // At the embargo's end: read again, the embargoed editions live.
    w.at(embargo);
    expect(published.indexNow('timed')).toBeUndefined();
    expect(published.indexNow('later')).toBeUndefined();
    expect((await published.index('timed')).live.get('en')?.id).toBe(second!.id);
    expect((await published.index('later')).live.get('en')).toBeDefined();
    const atom = (await feeds.feeds('en', 'https://example.org')).atom.body;
    expect(atom).toContain('Timed, corrected');
    expect(atom).toContain('Later');
    // No embargo left: kept for the noticed time limit.
    expect((await published.index('timed')).nextChangeAt).toBeNull();
    w.at('2026-05-01T10:00:29.000Z');
    expect(published.indexNow('timed')?.live.get('en')?.id).toBe(second!.id);
  });

  it('forget a statement when told, and everything on a reset', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'told', sourceLocale: 'en', markdown: '# Told\n\nText.\n' });
    await publish(w.ctx, w.publisher, { slug: 'told', locales: ['en'] });
    const published = new PublishedCache(w.ctx, { noticed: () => true });
    await published.index('told');
    published.forget('told');
    expect(published.indexNow('told')).toBeUndefined();
    await published.index('told');
    published.forgetAll();
    expect(published.indexNow('told')).toBeUndefined();
  });
});
