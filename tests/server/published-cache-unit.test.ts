/**
 * The published cache as an lru-cache (server/published-cache.ts), on the context's clock
 * (w.at moves it; no sleeps): how long "which editions are live" is kept, one read in flight
 * per statement, a forget during a read, the size bounds (least recently used first), and the
 * rendered bodies kept per edition. Embargo ends: tests/server/published-cache.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { keptFor, PublishedCache } from '../../server/published-cache.ts';
import { counting } from '../support/counting-store.ts';
import { sqlite } from '../support/dialects.ts';
import { useWorld, type World } from '../support/world.ts';

async function statements(w: World, ...slugs: string[]): Promise<void> {
  for (const slug of slugs) {
    await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: `# ${slug}\n\nText.\n` });
    await publish(w.ctx, w.publisher, { slug, locales: ['en'] });
  }
}

describe('the published cache (lru-cache, on the context’s clock)', () => {
  const world = useWorld(sqlite);

  it('keeps which editions are live for one second where changes may go unannounced, 30 s where every change is noticed', async () => {
    const w = world();
    await statements(w, 'kept');
    const { ctx, reads } = counting(w.ctx);
    w.at('2026-05-01T10:00:00.000Z');
    const cache = new PublishedCache(ctx);
    const first = await cache.index('kept');
    expect(reads()).toBe(1);
    w.at('2026-05-01T10:00:00.999Z');
    expect(cache.indexNow('kept')).toBe(first);
    expect(await cache.index('kept')).toBe(first);
    expect(reads()).toBe(1);
    w.at('2026-05-01T10:00:01.000Z');
    expect(cache.indexNow('kept')).toBeUndefined();
    expect(await cache.index('kept')).not.toBe(first);
    expect(reads()).toBe(2);

    let live = true;
    const noticed = new PublishedCache(ctx, { noticed: () => live });
    const kept = await noticed.index('kept');
    // What `noticed` said when the read began decides: a feed lost later does not shorten it (a reset forgets it).
    live = false;
    w.at('2026-05-01T10:00:30.999Z');
    expect(noticed.indexNow('kept')).toBe(kept);
    w.at('2026-05-01T10:00:31.000Z');
    expect(noticed.indexNow('kept')).toBeUndefined();
  });

  it('reads a statement once for concurrent requests, and the same again after a failed read', async () => {
    const w = world();
    await statements(w, 'busy');
    const { ctx, reads } = counting(w.ctx);
    const cache = new PublishedCache(ctx);
    const [a, b, c] = await Promise.all([cache.index('busy'), cache.index('busy'), cache.index('busy')]);
    expect(reads()).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);

    // A refusal is not kept: once the statement exists, the next request finds it (same instant).
    await expect(cache.index('soon')).rejects.toMatchObject({ code: 'statement_not_found' });
    await statements(w, 'soon');
    expect((await cache.index('soon')).live.get('en')).toBeDefined();
  });

  it('answers the requests of a read that a change notice interrupts, and does not keep what it read', async () => {
    const w = world();
    await statements(w, 'moving');
    const { ctx, reads } = counting(w.ctx);
    const cache = new PublishedCache(ctx);
    const pending = cache.index('moving');
    cache.forget('moving');
    const index = await pending;
    expect(index.live.get('en')).toBeDefined();
    expect(cache.indexNow('moving')).toBeUndefined();
    await cache.index('moving');
    expect(reads()).toBe(2);

    const again = cache.index('moving');
    cache.forgetAll();
    await expect(again).resolves.toBeDefined();
    expect(cache.indexNow('moving')).toBeUndefined();
  });

  it('keeps at most `maxIndexes` statements and `maxBodies` editions, the least recently used going first', async () => {
    const w = world();
    await statements(w, 'a', 'b', 'c');
    const { ctx, reads } = counting(w.ctx);
    const cache = new PublishedCache(ctx, { noticed: () => true, maxIndexes: 2, maxBodies: 2 });
    const a = await cache.index('a');
    const b = await cache.index('b');
    // `a` used again: `b` is now the least recently used.
    expect(cache.indexNow('a')).toBe(a);
    const c = await cache.index('c');
    expect(cache.indexNow('a')).toBe(a);
    expect(cache.indexNow('b')).toBeUndefined();
    expect(cache.indexNow('c')).toBe(c);

    const refs = [a, b, c].map((i) => i.live.get('en')!);
    const before = reads();
    const bodyA = await cache.rendered('a', refs[0]!);
    // Concurrent requests for one edition: rendered once.
    const [bodyB, bodyB2] = await Promise.all([cache.rendered('b', refs[1]!), cache.rendered('b', refs[1]!)]);
    expect(bodyB2).toBe(bodyB);
    expect(reads() - before).toBe(2);
    expect(bodyA.md).toContain('# a');
    expect(cache.renderedNow(refs[0]!.id)).toBe(bodyA);
    await cache.rendered('c', refs[2]!);
    expect(cache.renderedNow(refs[1]!.id)).toBeUndefined();
    expect(cache.renderedNow(refs[0]!.id)).toBe(bodyA);
    // Bodies have no time limit: an edition id names one content forever.
    w.at('2027-05-01T09:00:00.000Z');
    expect(cache.renderedNow(refs[0]!.id)).toBe(bodyA);
  });

  it('ends what it keeps at its time limit or the next embargo’s end, whichever comes first (lru-cache: stale once age > ttl)', () => {
    const now = Date.parse('2026-05-01T10:00:00.000Z');
    const stale = (k: { ttl: number; start: number }, at: number) => at - k.start > k.ttl;
    const limit = keptFor(now, 1000, null);
    expect([stale(limit, now), stale(limit, now + 999), stale(limit, now + 1000)]).toEqual([false, false, true]);
    const embargo = keptFor(now, 30_000, '2026-05-01T10:00:00.250Z');
    expect([stale(embargo, now + 249), stale(embargo, now + 250)]).toEqual([false, true]);
    const soon = keptFor(now, 30_000, '2026-05-01T10:00:00.001Z');
    expect([stale(soon, now), stale(soon, now + 1)]).toEqual([false, true]);
    // An end already reached (or past): never fresh, yet a positive ttl (0 would mean "forever" to lru-cache).
    for (const past of ['2026-05-01T10:00:00.000Z', '2026-05-01T09:59:00.000Z']) {
      const k = keptFor(now, 30_000, past);
      expect(k.ttl).toBeGreaterThan(0);
      expect(stale(k, now)).toBe(true);
    }
  });
});
