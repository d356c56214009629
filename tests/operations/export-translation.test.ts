/**
 * A locale taken out whole (Markdown, and the segments an XLIFF export reads) on both
 * databases: a locale nobody started is exported as it would start, and stays not started;
 * a started one as its texts stand, the source's text where a segment has none.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { exportTranslationMarkdown, translationForExport } from '../../src/operations/export-translation.ts';
import { importTranslationMarkdown } from '../../src/operations/import-translation.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

const source = '---\ntitle: Wells\nauthor: Desk\n---\n\n# Wells\n\nWe dug [wells](https://example.org/w).\n\nA plain line.\n';

describe.each(dialects)('exporting a locale ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('exports a locale not started without starting it', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'e', sourceLocale: 'en', markdown: source });
    const md = await exportTranslationMarkdown(w.ctx, 'e', 'fr');
    expect(md).toMatchObject({ locale: 'fr', markdown: source, segments: 4, untranslated: 4, started: false });
    const xliff = await translationForExport(w.ctx, 'e', 'fr');
    expect(xliff.started).toBe(false);
    expect(xliff.segments.map((s) => [s.source, s.text, s.state])).toEqual([
      ['Wells', null, 'untranslated'],
      ['Wells', null, 'untranslated'],
      ['We dug <g id="1">wells</g>.', null, 'untranslated'],
      ['A plain line.', null, 'untranslated'],
    ]);
    expect(await w.ctx.store.db.selectFrom('translations').selectAll().execute()).toEqual([]);
  });

  it('exports the texts as they stand and names what an upload could not take', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'e', sourceLocale: 'en', markdown: source });
    const upload = '---\ntitle: Puits\nauthor: Rédaction\n---\n\n# Wells\n\nNous avons creusé des [puits](https://example.fr/p).\n\nA plain line.\n';
    const answer = await importTranslationMarkdown(w.ctx, w.translatorFr, { slug: 'e', locale: 'fr', markdown: upload });
    expect(answer.notTaken).toEqual([
      { path: '/0#yaml:author', what: 'frontMatter', kept: 'Desk', found: 'Rédaction' },
      { path: '/2', segmentId: expect.any(String), what: 'url', kept: 'https://example.org/w', found: 'https://example.fr/p' },
    ]);
    const md = await exportTranslationMarkdown(w.ctx, 'e', 'fr');
    expect(md.markdown).toBe('---\ntitle: Puits\nauthor: Desk\n---\n\n# Wells\n\nNous avons creusé des [puits](https://example.org/w).\n\nA plain line.\n');
    // The heading and the last line were sent as the source's text where they had none: not taken (the export puts it there), still untranslated.
    expect(answer.segmentsNotTaken).toEqual([
      { segmentId: expect.any(String), reason: 'source_text' },
      { segmentId: expect.any(String), reason: 'source_text' },
    ]);
    expect(md).toMatchObject({ started: true, untranslated: 2 });
  });
});
