/** JSON columns are parsed with their zod schema at the store's edge (src/store/json-columns.ts), not cast. */
import { describe, expect, it } from 'vitest';
import { addGlossaryTerm, listGlossaryTerms } from '../../src/operations/glossary.ts';
import { readJson, readJsonOrNull } from '../../src/store/json-columns.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

describe('readJson', () => {
  const provenance = { engine: 'pseudo', model: 'x', at: '2026-01-01T00:00:00.000Z' };

  it('gives back what was stored, keys the schema does not name included; null stays null', () => {
    expect(readJson('translation_segments.machine_provenance', JSON.stringify({ ...provenance, extra: 1 }))).toEqual({ ...provenance, extra: 1 });
    expect(readJsonOrNull('editions.correction', null)).toBeNull();
  });

  it('refuses stored JSON of the wrong shape, naming the column', () => {
    expect(() => readJson('translation_segments.machine_provenance', JSON.stringify({ ...provenance, engine: 7 }))).toThrow(/translation_segments\.machine_provenance.*engine/s);
    expect(() => readJson('source_revisions.segments', JSON.stringify([{ id: 's1', kind: 'poem', path: '', text: 'x', placeholders: [] }]))).toThrow(/source_revisions\.segments/);
  });
});

describe.each(dialects)('JSON columns read by operations ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('a glossary term whose stored variants are not a list of strings is an error, not a wrong answer', async () => {
    const w = world();
    const term = await addGlossaryTerm(w.ctx, w.admin, { term: 'seed bank', targetLocale: 'fr', targetText: 'banque de semences', variants: ['banque de graines'] });
    expect((await listGlossaryTerms(w.ctx)).map((t) => t.variants)).toEqual([['banque de graines']]);
    await w.ctx.store.db.updateTable('glossary_terms').set({ variants: '{"not":"a list"}' }).where('id', '=', term.id).execute();
    await expect(listGlossaryTerms(w.ctx)).rejects.toThrow(/glossary_terms\.variants/);
  });
});
