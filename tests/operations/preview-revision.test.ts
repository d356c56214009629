/**
 * The revise page's preview (previewRevision) says what saving would do, per locale, and
 * writes nothing; what it says is what reviseSource then does. Glossary terms are listed and
 * deleted (the glossary page) by their publishers only.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { addGlossaryTerm, deleteGlossaryTerm, listGlossaryTerms } from '../../src/operations/glossary.ts';
import { previewRevision } from '../../src/operations/preview-revision.ts';
import { getStatement, getTranslation } from '../../src/operations/read-statements.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { startTranslation } from '../../src/operations/start-translation.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

const markdown = '# Clean water\n\nWe dug twelve wells in March.\n\nThe village has water now.\n\nThanks to every donor.\n';
const revised = '# Clean water\n\nWe dug fourteen wells in March.\n\nThe village has water now.\n\nA new paragraph.\n';

describe.each(dialects)('previewing a source revision ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('names per locale what goes stale, stays untranslated, is new or removed; saves nothing; reviseSource agrees', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'water', sourceLocale: 'en', markdown });
    await approveLocale(w, 'water', 'fr', w.translatorFr, w.reviewerFr);
    await startTranslation(w.ctx, w.translatorAr, { slug: 'water', locale: 'ar' });

    const preview = await previewRevision(w.ctx, w.publisher, { slug: 'water', markdown: revised });
    expect(preview).toMatchObject({ slug: 'water', revision: 1, changes: true });
    // "twelve" → "fourteen" changed; "Thanks to every donor." paired with "A new paragraph." (same kind: changed).
    expect(preview.changed.map((c) => [c.previousText, c.text])).toEqual([
      ['We dug twelve wells in March.', 'We dug fourteen wells in March.'],
      ['Thanks to every donor.', 'A new paragraph.'],
    ]);
    const fr = preview.locales.find((l) => l.locale === 'fr')!;
    const ar = preview.locales.find((l) => l.locale === 'ar')!;
    expect(fr).toMatchObject({ unchanged: 2, untranslated: [], added: 0, removed: 0 });
    expect(fr.stale).toHaveLength(2);
    expect(ar.stale).toEqual([]);
    expect(ar.untranslated).toHaveLength(2);
    // Nothing written.
    expect((await getStatement(w.ctx, 'water')).revision).toBe(1);
    expect((await getTranslation(w.ctx, 'water', 'fr')).segments.every((s) => s.state === 'approved')).toBe(true);

    const saved = await reviseSource(w.ctx, w.publisher, { slug: 'water', markdown: revised, expectedRevision: 1 });
    expect(saved.stale).toBe(fr.stale.length + ar.stale.length);
    const after = await getTranslation(w.ctx, 'water', 'fr');
    expect(after.segments.filter((s) => s.state === 'stale').map((s) => s.id).sort()).toEqual([...fr.stale].sort());
  });

  it('says "no change" for the current text, and is for publishers of the source locale only', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'water', sourceLocale: 'en', markdown });
    expect(await previewRevision(w.ctx, w.publisher, { slug: 'water', markdown })).toMatchObject({ changes: false, locales: [], changed: [] });
    await expect(previewRevision(w.ctx, w.translatorFr, { slug: 'water', markdown: revised })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(previewRevision(w.ctx, w.publisher, { slug: 'nope', markdown })).rejects.toMatchObject({ code: 'statement_not_found' });
    await expect(previewRevision(w.ctx, w.publisher, { slug: 'water', markdown: '  ' })).rejects.toMatchObject({ code: 'input_unreadable' });
  });
});

describe.each(dialects)('listing and deleting glossary terms ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('lists every term in order; deletes for the term locale’s publishers only; a second delete is nothing to do', async () => {
    const w = world();
    const water = await addGlossaryTerm(w.ctx, w.publisher, { term: 'water', targetLocale: 'fr', targetText: 'eau', variants: ['flotte'] });
    await addGlossaryTerm(w.ctx, w.publisher, { term: 'Editions' });
    expect((await listGlossaryTerms(w.ctx)).map((t) => [t.term, t.targetLocale, t.variants])).toEqual([
      ['Editions', null, []],
      ['water', 'fr', ['flotte']],
    ]);
    await expect(deleteGlossaryTerm(w.ctx, w.translatorFr, water.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await listGlossaryTerms(w.ctx)).toHaveLength(2);
    expect(await deleteGlossaryTerm(w.ctx, w.publisher, water.id)).toEqual({ deleted: true });
    expect(await deleteGlossaryTerm(w.ctx, w.publisher, water.id)).toEqual({ deleted: false });
    expect((await listGlossaryTerms(w.ctx)).map((t) => t.term)).toEqual(['Editions']);
  });
});
