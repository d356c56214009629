/**
 * Which edition is live when embargoes overlap, over every storage dialect, on the world's
 * clock: the one of its locale published LAST among those visible and not withdrawn
 * (src/store/queries/editions.ts), in the readers' index (publishedIndex, and the published
 * routes' cache), the feeds' list (liveEditions, and the feed cache) and liveEditionRow (what
 * publish supersedes). A scheduled edition overtaken by a later publication never goes live:
 * its announcements are cancelled, and the publication says so.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { liveEditions } from '../../src/operations/live-editions.ts';
import { publish } from '../../src/operations/publish.ts';
import { publishedIndex } from '../../src/operations/read-published.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { createWebhook, listDeliveries } from '../../src/operations/webhooks.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { liveEditionRow } from '../../src/store/queries/editions.ts';
import { statementBySlug } from '../../src/store/queries/statements.ts';
import { WebhookTargetPolicy } from '../../src/webhooks/target-policy.ts';
import { FeedCache } from '../../server/feed-cache.ts';
import { PublishedCache } from '../../server/published-cache.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld, type World } from '../support/world.ts';

const slug = 'urgent';
const text = (rev: number) => `# Urgent, revision ${rev}\n\nText of revision ${rev}.\n`;

/** The statement at revision 1. */
async function start(w: World) {
  w.at('2026-05-01T09:00:00.000Z');
  await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: text(1) });
}

/** Revises the source to `rev` at `at` and publishes en (under `embargo`, if any): the new edition and what it overtook. */
async function publishRevision(w: World, rev: number, at: string, embargo?: string) {
  w.at(at);
  if (rev > 1) await reviseSource(w.ctx, w.publisher, { slug, markdown: text(rev), expectedRevision: rev - 1 });
  const { editions } = await publish(w.ctx, w.publisher, { slug, locales: ['en'], ...(embargo ? { embargoUntil: embargo } : {}) });
  return editions[0]!;
}

/** The live en edition's id as each reader of the rule sees it, uncached. */
async function liveEverywhere(w: World) {
  const statement = await statementBySlug(w.ctx.store.db, slug);
  const index = (await publishedIndex(w.ctx, slug)).live.get('en')?.id;
  const feeds = (await liveEditions(w.ctx, { locale: 'en' })).find((e) => e.slug === slug)?.id;
  const row = (await liveEditionRow(w.ctx.store.db, statement.id, 'en', w.ctx.now().toISOString()))?.id;
  return { index, feeds, row };
}

const everywhere = (id: string) => ({ index: id, feeds: id, row: id });

describe.each(dialects)('overlapping embargoes: the edition published last is live ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('keeps an urgent fix live when the embargo of the edition it overtook ends: no release, no announcement, no cache change', async () => {
    const w = world();
    await start(w);
    const hook = await createWebhook(w.ctx, w.admin, { url: 'http://127.0.0.1:9/hook' }, new WebhookTargetPolicy(['127.0.0.1']));
    const rev1 = await publishRevision(w, 1, '2026-05-01T09:00:00.000Z');
    const rev2 = await publishRevision(w, 2, '2026-05-01T09:30:00.000Z', '2026-05-01T15:00:00.000Z');
    expect(rev2.overtakes).toEqual([]);
    const rev3 = await publishRevision(w, 3, '2026-05-01T10:00:00.000Z');
    // The publication says what it overtook.
    expect(rev3.overtakes).toEqual([{ editionId: rev2.id, locale: 'en', visibleFrom: '2026-05-01T15:00:00.000Z' }]);
    // rev 3 corrects what readers saw (rev 1), not the edition that never went out.
    expect(JSON.parse(String(rev3.correction))).toMatchObject({ supersedes: rev1.id });
    // rev 2's announcement (edition.corrected at 15:00) is cancelled; rev 3's stands.
    const deliveries = await listDeliveries(w.ctx, w.admin, hook.id);
    const statusOf = (id: string) => deliveries.filter((d) => (d.payload as { data: { editionId: string } }).data.editionId === id).map((d) => `${d.event} ${d.status}`);
    expect(statusOf(rev2.id)).toEqual(['edition.corrected cancelled']);
    expect(statusOf(rev3.id)).toEqual(['edition.corrected pending']);

    const published = new PublishedCache(w.ctx, { noticed: () => true });
    const feeds = new FeedCache(w.ctx, { noticed: () => true });
    w.at('2026-05-01T11:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev3.id));
    const before = await published.index(slug);
    expect(before.live.get('en')?.id).toBe(rev3.id);
    // Nothing will change at 15:00: nothing to wake for.
    expect(before.nextChangeAt).toBeNull();
    expect((await feeds.feeds('en', 'https://example.org')).atom.body).toContain('Urgent, revision 3');

    for (const at of ['2026-05-01T15:00:00.000Z', '2026-05-01T16:00:00.000Z']) {
      w.at(at);
      expect(await liveEverywhere(w)).toEqual(everywhere(rev3.id));
      expect((await published.index(slug)).live.get('en')?.id).toBe(rev3.id);
      const atom = (await feeds.feeds('en', 'https://example.org')).atom.body;
      expect(atom).toContain('Urgent, revision 3');
      expect(atom).not.toContain('Urgent, revision 2');
    }
  });

  it('keeps an embargoed publication live past the later embargo of an edition published before it', async () => {
    const w = world();
    await start(w);
    const rev1 = await publishRevision(w, 1, '2026-05-01T09:00:00.000Z');
    const rev2 = await publishRevision(w, 2, '2026-05-01T09:30:00.000Z', '2026-05-01T15:00:00.000Z');
    const rev3 = await publishRevision(w, 3, '2026-05-01T10:00:00.000Z', '2026-05-01T12:00:00.000Z');
    expect(rev3.overtakes).toEqual([{ editionId: rev2.id, locale: 'en', visibleFrom: '2026-05-01T15:00:00.000Z' }]);
    w.at('2026-05-01T11:59:59.999Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev1.id));
    expect((await publishedIndex(w.ctx, slug)).nextChangeAt).toBe('2026-05-01T12:00:00.000Z');
    w.at('2026-05-01T12:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev3.id));
    expect((await publishedIndex(w.ctx, slug)).nextChangeAt).toBeNull();
    w.at('2026-05-01T15:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev3.id));
  });

  it('releases a scheduled edition no later publication overtook at its time', async () => {
    const w = world();
    await start(w);
    const rev1 = await publishRevision(w, 1, '2026-05-01T09:00:00.000Z');
    const rev2 = await publishRevision(w, 2, '2026-05-01T09:30:00.000Z', '2026-05-01T15:00:00.000Z');
    w.at('2026-05-01T14:59:59.999Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev1.id));
    expect((await publishedIndex(w.ctx, slug)).nextChangeAt).toBe('2026-05-01T15:00:00.000Z');
    w.at('2026-05-01T15:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev2.id));
  });

  it('releases a later embargoed edition scheduled after the first, each at its time', async () => {
    const w = world();
    await start(w);
    const rev1 = await publishRevision(w, 1, '2026-05-01T09:00:00.000Z');
    const rev2 = await publishRevision(w, 2, '2026-05-01T09:30:00.000Z', '2026-05-01T12:00:00.000Z');
    const rev3 = await publishRevision(w, 3, '2026-05-01T10:00:00.000Z', '2026-05-01T15:00:00.000Z');
    expect(rev3.overtakes).toEqual([]);
    // rev 3 corrects rev 2, which readers will see before it.
    expect(JSON.parse(String(rev3.correction))).toMatchObject({ supersedes: rev2.id, at: '2026-05-01T15:00:00.000Z' });
    w.at('2026-05-01T11:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev1.id));
    w.at('2026-05-01T12:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev2.id));
    expect((await publishedIndex(w.ctx, slug)).nextChangeAt).toBe('2026-05-01T15:00:00.000Z');
    w.at('2026-05-01T15:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(rev3.id));
  });

  it('brings back, when the newest is withdrawn, the previous visible edition by the same rule', async () => {
    const w = world();
    await start(w);
    // A: scheduled for 14:00; B overtakes it at 10:00; C replaces B at 11:00.
    const a = await publishRevision(w, 1, '2026-05-01T09:00:00.000Z', '2026-05-01T14:00:00.000Z');
    const b = await publishRevision(w, 2, '2026-05-01T10:00:00.000Z');
    expect(b.overtakes.map((o) => o.editionId)).toEqual([a.id]);
    const c = await publishRevision(w, 3, '2026-05-01T11:00:00.000Z');
    w.at('2026-05-01T15:00:00.000Z');
    expect(await liveEverywhere(w)).toEqual(everywhere(c.id));
    await withdrawEdition(w.ctx, w.publisher, { slug, editionId: c.id, reason: 'Wrong figures' });
    // B, published after A: A was overtaken and stays so.
    expect(await liveEverywhere(w)).toEqual(everywhere(b.id));
    await withdrawEdition(w.ctx, w.publisher, { slug, editionId: b.id, reason: 'Wrong too' });
    expect(await liveEverywhere(w)).toEqual(everywhere(a.id));
  });
});
