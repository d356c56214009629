/** Translation memory: exact and fuzzy hits, published text preferred. */
import { describe, expect, it } from 'vitest';
import { lookupTm } from '../../src/operations/lookup-tm.ts';
import { publish } from '../../src/operations/publish.ts';
import { rememberTranslation } from '../../src/store/queries/tm.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, create } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('translation memory ($name)', (dialect) => {
  const world = useWorld(dialect);
  const remember = (w: ReturnType<typeof world>, sourceText: string, targetText: string, origin: 'published' | 'approved' | 'machine', at: string) =>
    rememberTranslation(w.ctx.store.db, { sourceLocale: 'en', targetLocale: 'fr', sourceText, targetText, origin, at });

  it('finds exact hits, published first, then approved, then machine, newest first', async () => {
    const w = world();
    await remember(w, 'The depot opened today.', 'Machine', 'machine', '2026-05-03T00:00:00Z');
    await remember(w, 'The depot opened today.', 'Approuvé', 'approved', '2026-05-02T00:00:00Z');
    await remember(w, 'The  depot opened\ntoday. ', 'Publié ancien', 'published', '2026-05-01T00:00:00Z');
    await remember(w, 'The depot opened today.', 'Publié récent', 'published', '2026-05-04T00:00:00Z');
    await remember(w, 'The depot opened today.', 'Publié récent', 'published', '2026-05-05T00:00:00Z');
    const hit = await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr', text: 'The depot opened today.' });
    expect(hit.exactAll.map((m) => m.targetText)).toEqual(['Publié récent', 'Publié ancien', 'Approuvé', 'Machine']);
    expect(hit.exact?.origin).toBe('published');
    expect((await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'ar', text: 'The depot opened today.' })).exact).toBeNull();
  });

  it('offers fuzzy hits at or above 0.75, best first, published preferred at equal score', async () => {
    const w = world();
    await remember(w, 'The depot opened on 3 April 2026.', 'Le dépôt a ouvert le 3 avril 2026.', 'approved', '2026-05-01T00:00:00Z');
    await remember(w, 'The depot opened on 4 April 2026.', 'Le dépôt a ouvert le 4 avril 2026.', 'published', '2026-05-01T00:00:00Z');
    await remember(w, 'The depot opened on 4 April 2026.', 'Machine 4 avril', 'machine', '2026-05-02T00:00:00Z');
    await remember(w, 'Something else entirely, much longer than the query text.', 'Autre', 'published', '2026-05-01T00:00:00Z');
    const hit = await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr', text: 'The depot opened on 5 April 2026.' });
    expect(hit.exact).toBeNull();
    expect(hit.fuzzy.map((m) => m.targetText)).toEqual(['Le dépôt a ouvert le 4 avril 2026.', 'Le dépôt a ouvert le 3 avril 2026.', 'Machine 4 avril']);
    expect(hit.fuzzy.every((m) => m.score >= 0.75 && m.score < 1)).toBe(true);
  });

  it('learns from approval and publication', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    const text = 'The Regional Seed Network (RSN) opened its third depot on 3 April 2026.';
    expect((await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr', text })).exact?.origin).toBe('approved');
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] });
    const after = await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr', text });
    expect(after.exact?.origin).toBe('published');
    // Pseudo drafts are for development only and are never remembered.
    expect(after.exactAll.some((m) => m.origin === 'machine')).toBe(false);
  });
});
