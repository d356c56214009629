/** The glossary in and out as TBX-Basic and CSV (src/operations/glossary-interchange.ts) on every storage dialect. */
import { describe, expect, it } from 'vitest';
import { addGlossaryTerm, glossaryFor } from '../../src/operations/glossary.ts';
import { exportGlossary, glossaryImportLimits, importGlossary } from '../../src/operations/glossary-interchange.ts';
import { authenticate, createUser } from '../../src/operations/users.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

const csv = ['en,fr,ar,note,collection', 'United Nations,Nations unies | ONU,الأمم المتحدة,the body,', 'Amnesty,,,a name: never translated,', 'seed bank,banque de semences,,,climate', ''].join('\n');

describe.each(dialects)('glossary interchange ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('imports a CSV (preferred terms with variants, do-not-translate terms, collections), then again unchanged, and exports it back', async () => {
    const w = world();
    const first = await importGlossary(w.ctx, w.publisher, { format: 'csv', text: csv });
    expect(first).toMatchObject({ format: 'csv', sourceLocale: 'en', added: 4, unchanged: 0 });
    expect(first.entries.map((e) => [e.line, e.term, e.locale, e.outcome])).toEqual([
      [2, 'United Nations', 'fr', 'added'],
      [2, 'United Nations', 'ar', 'added'],
      [3, 'Amnesty', null, 'added'],
      [4, 'seed bank', 'fr', 'added'],
    ]);
    const fr = await glossaryFor(w.ctx, 'climate', 'fr');
    expect(fr).toEqual([
      { term: 'Amnesty', doNotTranslate: true, targetText: null, variants: [], scope: '*', note: 'a name: never translated' },
      { term: 'United Nations', doNotTranslate: false, targetText: 'Nations unies', variants: ['ONU'], scope: '*', note: 'the body' },
      { term: 'seed bank', doNotTranslate: false, targetText: 'banque de semences', variants: [], scope: 'climate', note: null },
    ]);
    expect(await importGlossary(w.ctx, w.publisher, { format: 'csv', text: csv })).toMatchObject({ added: 0, unchanged: 4 });
    // Out as TBX and back in: nothing new.
    const tbx = await exportGlossary(w.ctx, { format: 'tbx' });
    expect(await importGlossary(w.ctx, w.publisher, { format: 'tbx', text: tbx })).toMatchObject({ sourceLocale: 'en', added: 0, unchanged: 4 });
    // Out as CSV: one row a concept, every target locale a column.
    expect(await exportGlossary(w.ctx, { format: 'csv' })).toBe(
      ['en,ar,fr,note,collection', 'Amnesty,,,a name: never translated,', 'United Nations,الأمم المتحدة,Nations unies | ONU,the body,', 'seed bank,,banque de semences,,climate', ''].join('\n'),
    );
    // Filtered as GET /api/glossary filters: one locale, one collection (terms for every statement kept).
    expect(await exportGlossary(w.ctx, { format: 'csv', locale: 'ar', collection: 'other' })).toBe(['en,ar,note,collection', 'Amnesty,,a name: never translated,', 'United Nations,الأمم المتحدة,the body,', ''].join('\n'));
  });

  it('refuses the whole file when any entry is refused, naming each, and stores nothing', async () => {
    const w = world();
    await addGlossaryTerm(w.ctx, w.publisher, { term: 'United Nations', targetLocale: 'fr', targetText: 'Organisation des Nations unies' });
    const terms = () => w.ctx.store.db.selectFrom('glossary_terms').selectAll().orderBy('id').execute();
    const before = await terms();
    const error = await importGlossary(w.ctx, w.publisher, { format: 'csv', text: `${csv}Red Cross,Croix-Rouge,,,\nRed Cross,Croix Rouge,,,\nbad,x,,${'n'.repeat(glossaryImportLimits.note + 1)},\n` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'glossary_import_refused', details: { refused: 3, total: 7, line: 2, term: 'United Nations' } });
    const entries = (error as { details: { entries: { line: number; locale: string | null; outcome: string; reason?: string; problem?: string }[] } }).details.entries;
    expect(entries.filter((e) => e.outcome === 'refused').map((e) => [e.line, e.locale, e.reason])).toEqual([
      [2, 'fr', 'conflict'],
      [6, 'fr', 'conflict'],
      [7, 'fr', 'invalid'],
    ]);
    expect(entries[0]!.problem).toContain('Organisation des Nations unies');
    expect(await terms()).toEqual(before);
  });

  it('takes only what the importer may add: a publisher of French is refused Arabic and do-not-translate terms', async () => {
    const w = world();
    const { token } = await createUser(w.ctx, null, { name: 'Paul Publie', roles: [{ role: 'publisher', locale: 'fr' }] });
    const publisherFr = await authenticate(w.ctx, token);
    const error = await importGlossary(w.ctx, publisherFr, { format: 'csv', text: csv }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'glossary_import_refused', details: { refused: 2 } });
    const refused = (error as { details: { entries: { locale: string | null; outcome: string; reason?: string }[] } }).details.entries.filter((e) => e.outcome === 'refused');
    expect(refused.map((e) => [e.locale, e.reason])).toEqual([['ar', 'forbidden'], [null, 'forbidden']]);
    expect(await importGlossary(w.ctx, publisherFr, { format: 'csv', text: 'en,fr\nUnited Nations,Nations unies\n' })).toMatchObject({ added: 1 });
    await expect(importGlossary(w.ctx, w.translatorFr, { format: 'csv', text: 'en,fr\nUnited Nations,Nations unies\n' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
