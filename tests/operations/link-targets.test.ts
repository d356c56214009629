/** Per-locale link targets (src/operations/link-targets.ts) on every storage dialect, and their use at publication. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getLinkTargets, linkTargetBounds, setLinkTargets } from '../../src/operations/link-targets.ts';
import { publish } from '../../src/operations/publish.ts';
import { editionContent, publishedIndex } from '../../src/operations/read-published.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, create } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('link targets ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('replaces a locale’s whole map, leaves other locales alone, reads back in a stable order', async () => {
    const w = world();
    if (dialect.name === 'postgres') {
      // A database whose collation sorts without regard to case (as en_US or ICU do): the order read back stays the same.
      await sql`alter table link_targets alter column source_url type text collate "und-x-icu"`.execute(w.ctx.store.db);
    }
    await setLinkTargets(w.ctx, w.publisher, 'ar', { 'https://example.org/a': 'https://example.org/ar/a' });
    const set = await setLinkTargets(w.ctx, w.publisher, 'FR', {
      'https://example.org/b': 'https://example.org/fr/b',
      'https://example.org/a': 'https://example.org/fr/a',
      'https://Example.org/C': 'https://example.org/fr/c',
    });
    expect(set.locale).toBe('fr');
    expect(Object.keys(set.targets)).toEqual(['https://Example.org/C', 'https://example.org/a', 'https://example.org/b']);
    // The second map replaces the first, whole.
    await setLinkTargets(w.ctx, w.publisher, 'fr', { 'https://example.org/b': 'https://example.org/fr/b2' });
    expect(await getLinkTargets(w.ctx, 'fr')).toEqual({ locale: 'fr', targets: { 'https://example.org/b': 'https://example.org/fr/b2' } });
    expect(await getLinkTargets(w.ctx, 'ar')).toEqual({ locale: 'ar', targets: { 'https://example.org/a': 'https://example.org/ar/a' } });
    // Emptied.
    await setLinkTargets(w.ctx, w.publisher, 'fr', {});
    expect((await getLinkTargets(w.ctx, 'fr')).targets).toEqual({});
  });

  it('stores a map at its bound in batches, and refuses bad input changing nothing', async () => {
    const w = world();
    const many = Object.fromEntries(Array.from({ length: linkTargetBounds.entries }, (_, i) => [`https://example.org/${i}`, `https://example.org/fr/${i}`]));
    await setLinkTargets(w.ctx, w.publisher, 'fr', many);
    expect(Object.keys((await getLinkTargets(w.ctx, 'fr')).targets)).toHaveLength(linkTargetBounds.entries);
    const before = await getLinkTargets(w.ctx, 'fr');
    await expect(setLinkTargets(w.ctx, w.publisher, 'fr', { 'https://example.org/x': 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'validation_failed', details: { problem: 'unsafe_url' } });
    await expect(setLinkTargets(w.ctx, w.publisher, 'fr', { 'https://example.org/x y': 'https://example.org' })).rejects.toMatchObject({ code: 'validation_failed', details: { problem: 'not_a_url' } });
    await expect(setLinkTargets(w.ctx, w.publisher, 'fr', { ...many, 'https://example.org/more': 'https://example.org' })).rejects.toMatchObject({ code: 'validation_failed', details: { problem: 'too_many_entries' } });
    await expect(setLinkTargets(w.ctx, w.translatorFr, 'fr', {})).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getLinkTargets(w.ctx, 'fr')).toEqual(before);
  });

  it('applies the locale’s targets at publication', async () => {
    const w = world();
    await create(w);
    await setLinkTargets(w.ctx, w.publisher, 'fr', { 'https://example.org/report': 'https://example.org/fr/rapport' });
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr', 'en'] });
    const index = await publishedIndex(w.ctx, 'seed-bank');
    const fr = await editionContent(w.ctx, index.live.get('fr')!.id);
    const en = await editionContent(w.ctx, index.live.get('en')!.id);
    expect(fr.markdown).toContain('(https://example.org/fr/rapport)');
    expect(fr.markdown).not.toContain('(https://example.org/report)');
    expect(en.markdown).toContain('(https://example.org/report)');
  });
});
