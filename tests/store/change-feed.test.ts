/**
 * Change notices (src/store/change-feed.ts). PostgreSQL: a notice announced in a transaction on
 * one store reaches a feed opened on another store (another connection, as another instance
 * would have) when the transaction commits, never when it rolls back, and never in another
 * schema; when the feed's connection is killed (pg_terminate_backend) it reconnects, resets its
 * listeners (a readers' cache forgets what it kept: notices may have been missed) and hears
 * notices again. SQLite: the process's own listeners of the store, nobody else's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { announceChange, openChangeFeed, type ChangeFeed, type ChangeNotice, PostgresChangeFeed } from '../../src/store/change-feed.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import type { Store } from '../../src/store/store.ts';
import { PublishedCache } from '../../server/published-cache.ts';
import { sqlite } from '../support/dialects.ts';
import { createTestSchema, postgresAdmin, postgresAvailable, postgresUrl } from '../support/postgres.ts';
import { makeWorld } from '../support/world.ts';

/** What a feed tells, in order, with a way to wait for the next of a kind. */
function record(feed: ChangeFeed) {
  const events: ({ type: 'notice'; notice: ChangeNotice } | { type: 'reset' })[] = [];
  let waiters: (() => void)[] = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  feed.subscribe({
    notice: (notice) => {
      events.push({ type: 'notice', notice });
      wake();
    },
    reset: () => {
      events.push({ type: 'reset' });
      wake();
    },
  });
  /** Resolves once an event after the first `from` ones satisfies `match`. */
  const until = async (match: (e: (typeof events)[number]) => boolean, from = 0): Promise<(typeof events)[number]> => {
    for (;;) {
      const found = events.slice(from).find(match);
      if (found) return found;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { events, until };
}

const editions = (slug: string): ChangeNotice => ({ kind: 'editions', slug });

describe('change feed on SQLite', () => {
  it('tells the process’s listeners of the same store, not of another store', async () => {
    const one = await sqlite.open();
    const other = await sqlite.open();
    try {
      const feed = await openChangeFeed(one.store, 'unused');
      const otherFeed = await openChangeFeed(other.store, 'unused');
      const heard = record(feed);
      const otherHeard = record(otherFeed);
      expect(feed.live).toBe(false);
      await one.store.transaction((trx) => announceChange(one.store, trx, editions('a')));
      expect(heard.events).toEqual([{ type: 'notice', notice: editions('a') }]);
      expect(otherHeard.events).toEqual([]);
      await feed.close();
      await one.store.transaction((trx) => announceChange(one.store, trx, editions('b')));
      expect(heard.events).toHaveLength(1);
      await otherFeed.close();
    } finally {
      await one.dispose();
      await other.dispose();
    }
  });
});

describe.skipIf(!postgresAvailable)('change feed on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let writer: Store;
  let reader: Store;
  let feed: PostgresChangeFeed;

  beforeEach(async () => {
    schema = await createTestSchema();
    writer = await openPostgresStore(postgresUrl, { schema: schema.name, poolSize: 2 });
    reader = await openPostgresStore(postgresUrl, { schema: schema.name, poolSize: 2 });
    feed = (await openChangeFeed(reader, postgresUrl, { schema: schema.name, backoffMs: 20 })) as PostgresChangeFeed;
  });

  afterEach(async () => {
    await feed.close();
    await writer.close();
    await reader.close();
    await schema.drop();
  });

  it('delivers a notice from another store on commit only, and not across schemas', async () => {
    expect(feed).toBeInstanceOf(PostgresChangeFeed);
    expect(feed.live).toBe(true);
    const heard = record(feed);
    const elsewhere = await createTestSchema();
    const stranger = await openPostgresStore(postgresUrl, { schema: elsewhere.name, poolSize: 1 });
    try {
      await expect(
        writer.transaction(async (trx) => {
          await announceChange(writer, trx, editions('rolled-back'));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await stranger.transaction((trx) => announceChange(stranger, trx, editions('other-schema')));
      await writer.transaction((trx) => announceChange(writer, trx, editions('committed')));
      const first = await heard.until((e) => e.type === 'notice');
      expect(first).toEqual({ type: 'notice', notice: editions('committed') });
      expect(heard.events.filter((e) => e.type === 'notice')).toHaveLength(1);
    } finally {
      await stranger.close();
      await elsewhere.drop();
    }
  });

  it('reconnects after its connection is killed, clears the caches that rely on it, and hears notices again', async () => {
    // A statement published through the writer; a readers' cache on the reader's side keeps its live editions.
    const w = await makeWorld(writer);
    await createStatement(w.ctx, w.publisher, { slug: 'kept', sourceLocale: 'en', markdown: '# Kept\n\nText.\n' });
    const heard = record(feed);
    await publish(w.ctx, w.publisher, { slug: 'kept', locales: ['en'] });
    // The publication's own notice, delivered on its commit.
    await heard.until((e) => e.type === 'notice');
    const cache = new PublishedCache({ ...w.ctx, store: reader }, { noticed: () => feed.live });
    feed.subscribe({ notice: (n) => cache.forget(n.slug), reset: () => cache.forgetAll() });
    expect((await cache.index('kept')).live.get('en')).toBeDefined();
    expect(cache.indexNow('kept')).toBeDefined();

    const pid = feed.backendPid;
    expect(pid).toBeTypeOf('number');
    const before = heard.events.length;
    await postgresAdmin(`select pg_terminate_backend(${pid})`);
    // Lost (reset), then listening again on a new connection (reset again).
    await heard.until((e) => e.type === 'reset', before);
    const lostAt = heard.events.length;
    await heard.until((e) => e.type === 'reset', lostAt);
    expect(feed.live).toBe(true);
    expect(feed.backendPid).not.toBe(pid);
    expect(feed.connections).toBe(2);
    expect(cache.indexNow('kept')).toBeUndefined();

    await cache.index('kept');
    expect(cache.indexNow('kept')).toBeDefined();
    const after = heard.events.length;
    await writer.transaction((trx) => announceChange(writer, trx, editions('kept')));
    expect(await heard.until((e) => e.type === 'notice', after)).toEqual({ type: 'notice', notice: editions('kept') });
    expect(cache.indexNow('kept')).toBeUndefined();
  });
});
