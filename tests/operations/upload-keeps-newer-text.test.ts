/**
 * A whole-translation upload (Markdown, XLIFF 1.2 and 2.0) never silently replaces newer text,
 * on both databases: a unit exported at an older version whose text is not the current one is
 * refused (`changed_since_export`) unless only machine drafts were put beside the text since; a
 * text without a version equal to an earlier text of the segment is refused (`outdated`);
 * Markdown confirms no machine draft or stale text and takes no copy of the source where a
 * segment has none (`source_text`); an XLIFF unit the file says is not translated never replaces
 * a person's text.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { exportTranslationMarkdown } from '../../src/operations/export-translation.ts';
import { exportTranslationXliff } from '../../src/operations/export-xliff.ts';
import { importTranslationMarkdown, importTranslationXliff } from '../../src/operations/import-translation.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { recordMachineDrafts } from '../../src/operations/record-machine-drafts.ts';
import { review } from '../../src/operations/review.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld, type World } from '../support/world.ts';

const source = '# Wells\n\nA plain line.\n\nAnother line.\n';
const slug = 'wells';

const segmentsOf = async (w: World) => (await getTranslation(w.ctx, slug, 'fr')).segments;
const provenance = (w: World) => ({ engine: 'pseudo', model: 'pseudo-fr', at: w.ctx.now().toISOString(), development: true });

/** The statement with its title and first line translated by alice (translatorFr); the last line untranslated. */
async function started(w: World) {
  await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: source });
  await importTranslationMarkdown(w.ctx, w.translatorFr, { slug, locale: 'fr', markdown: '# Puits\n\nUne ligne.\n\nAnother line.\n' });
  const segs = await segmentsOf(w);
  expect(segs.map((s) => [s.text, s.state])).toEqual([['Puits', 'translated'], ['Une ligne.', 'translated'], [null, 'untranslated']]);
  return segs;
}

/** Bob (translatorReviewerFr) fixes the first line on the web, at the version he read. */
async function bobFixes(w: World, text = 'Une ligne simple.') {
  const line = (await segmentsOf(w))[1]!;
  await editSegment(w.ctx, w.translatorReviewerFr, { slug, locale: 'fr', segmentId: line.id, text, expectedVersion: line.version });
}

describe.each(dialects)('an upload keeps newer text ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('Markdown: an older copy does not take back a text edited (or approved) on the web since; a text of its own is taken', async () => {
    const w = world();
    const segs = await started(w);
    const aliceCopy = (await exportTranslationMarkdown(w.ctx, slug, 'fr')).markdown;
    await bobFixes(w);
    // The fix is approved by another reviewer.
    const fixed = (await segmentsOf(w))[1]!;
    await review(w.ctx, w.reviewerFr, { slug, locale: 'fr', decision: 'approve', segments: [fixed.id], versions: { [fixed.id]: fixed.version } });
    const answer = await importTranslationMarkdown(w.ctx, w.translatorFr, { slug, locale: 'fr', markdown: aliceCopy.replace('Another line.', 'Une autre ligne.') });
    expect(answer).toMatchObject({ updated: 1, unchanged: 1, segmentsNotTaken: [{ segmentId: segs[1]!.id, reason: 'outdated' }] });
    expect((await segmentsOf(w)).map((s) => [s.text, s.state])).toEqual([['Puits', 'translated'], ['Une ligne simple.', 'approved'], ['Une autre ligne.', 'translated']]);
  });

  it('Markdown: an unchanged text confirms no stale segment (the source change stays to review)', async () => {
    const w = world();
    await started(w);
    await reviseSource(w.ctx, w.publisher, { slug, markdown: source.replace('A plain line.', 'A plain sentence.'), expectedRevision: 1 });
    const before = await segmentsOf(w);
    expect(before[1]).toMatchObject({ text: 'Une ligne.', state: 'stale' });
    const exported = (await exportTranslationMarkdown(w.ctx, slug, 'fr')).markdown;
    const answer = await importTranslationMarkdown(w.ctx, w.translatorFr, { slug, locale: 'fr', markdown: exported });
    expect(answer).toMatchObject({ updated: 0, unchanged: 2, segmentsNotTaken: [{ segmentId: before[2]!.id, reason: 'source_text' }] });
    const after = await segmentsOf(w);
    expect(after[1]).toMatchObject({ text: 'Une ligne.', state: 'stale', version: before[1]!.version, previousSource: expect.any(String) });
  });

  it('Markdown: a machine draft is not confirmed unseen, and an untranslated segment does not become the source’s English', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: source });
    const ids = (await exportTranslationXliff(w.ctx, slug, 'fr')).match(/unit id="[^"]+"/g)!.map((u) => u.slice(9, -1));
    await recordMachineDrafts(w.ctx, null, { slug, locale: 'fr', drafts: [{ segmentId: ids[0]!, text: 'Puits (MT)', provenance: provenance(w) }] });
    const exported = (await exportTranslationMarkdown(w.ctx, slug, 'fr')).markdown;
    expect(exported).toBe('# Puits (MT)\n\nA plain line.\n\nAnother line.\n');
    const answer = await importTranslationMarkdown(w.ctx, w.translatorFr, { slug, locale: 'fr', markdown: exported });
    expect(answer).toMatchObject({ updated: 0, unchanged: 1, segmentsNotTaken: [{ segmentId: ids[1], reason: 'source_text' }, { segmentId: ids[2], reason: 'source_text' }] });
    expect((await segmentsOf(w)).map((s) => [s.text, s.state])).toEqual([['Puits (MT)', 'machine'], [null, 'untranslated'], [null, 'untranslated']]);
  });

  for (const version of ['1.2', '2.0'] as const) {
    it(`XLIFF ${version}: a unit exported before a web edit is refused; one with only a machine draft put beside since, or a new text, is taken`, async () => {
      const w = world();
      const segs = await started(w);
      const aliceFile = await exportTranslationXliff(w.ctx, slug, 'fr', { version });
      expect(aliceFile).toContain(`editions:version="${segs[1]!.version}"`);
      await bobFixes(w);
      // A draft job puts a draft beside the (human) title: its version moves, its text does not.
      await recordMachineDrafts(w.ctx, null, { slug, locale: 'fr', drafts: [{ segmentId: segs[0]!.id, text: 'Puits (MT)', provenance: provenance(w) }] });
      const now = await segmentsOf(w);
      expect(now[0]!.version).toBeGreaterThan(segs[0]!.version);
      // In her CAT tool alice changes all three targets (the last one gets its first).
      const edited = aliceFile
        .replace(/>Puits<\/target>/, '>Les puits</target>')
        .replace(/>Une ligne\.<\/target>/, '>Une ligne !</target>')
        .replace(/(<unit id="[^"]+"[^>]*>(?:(?!<\/unit>).)*?<source>Another line\.<\/source>)/, version === '2.0' ? '$1<target>Une autre ligne.</target>' : '$1')
        .replace(/(<trans-unit id="[^"]+"[^>]*>(?:(?!<\/trans-unit>).)*?<source>Another line\.<\/source>)/, '$1<target state="translated">Une autre ligne.</target>')
        .replace(/<segment state="initial"><source>Another line\./, '<segment state="translated"><source>Another line.');
      const answer = await importTranslationXliff(w.ctx, w.translatorFr, { slug, locale: 'fr', xml: edited });
      expect(answer.units.map((u) => [u.id, u.outcome, u.reason])).toEqual([
        [segs[0]!.id, 'updated', undefined],
        [segs[1]!.id, 'refused', 'changed_since_export'],
        [segs[2]!.id, 'updated', undefined],
      ]);
      expect(answer).toMatchObject({ updated: 2, refused: 1 });
      expect((await segmentsOf(w)).map((s) => s.text)).toEqual(['Les puits', 'Une ligne simple.', 'Une autre ligne.']);
    });
  }

  it('XLIFF without versions (a tool dropped them): an earlier text of the segment is refused as outdated; another is taken', async () => {
    const w = world();
    const segs = await started(w);
    const aliceFile = (await exportTranslationXliff(w.ctx, slug, 'fr', { version: '1.2' })).replace(/ editions:version="\d+"/g, '');
    await bobFixes(w);
    const answer = await importTranslationXliff(w.ctx, w.translatorFr, { slug, locale: 'fr', xml: aliceFile.replace('>Puits</target>', '>Les puits</target>') });
    expect(answer.units.map((u) => [u.outcome, u.reason])).toEqual([['updated', undefined], ['refused', 'outdated'], ['unchanged', 'no_target']]);
    expect((await segmentsOf(w)).map((s) => s.text)).toEqual(['Les puits', 'Une ligne simple.', null]);
    expect(segs).toHaveLength(3);
  });

  it('XLIFF 2.0: a unit left `initial` never replaces a person’s text, even with a text the segment never had', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: source });
    const ids = (await exportTranslationXliff(w.ctx, slug, 'fr')).match(/unit id="[^"]+"/g)!.map((u) => u.slice(9, -1));
    await recordMachineDrafts(w.ctx, null, { slug, locale: 'fr', drafts: ids.map((segmentId) => ({ segmentId, text: `MT ${segmentId}`, provenance: provenance(w) })) });
    const line = (await segmentsOf(w))[1]!;
    await editSegment(w.ctx, w.translatorReviewerFr, { slug, locale: 'fr', segmentId: line.id, text: 'Une ligne humaine.', expectedVersion: line.version });
    // Exported now (versions current): alice's tool leaves both units `initial`, with texts the segments never had.
    const file = (await exportTranslationXliff(w.ctx, slug, 'fr')).replace(/>MT [^<]+<\/target>/, '>Brouillon</target>').replace('>Une ligne humaine.</target>', '>Une ligne au brouillon.</target>').replace(/<segment state="translated">/g, '<segment state="initial">');
    const answer = await importTranslationXliff(w.ctx, w.translatorFr, { slug, locale: 'fr', xml: file });
    expect(answer.units.map((u) => [u.outcome, u.reason])).toEqual([['updated', undefined], ['refused', 'not_translated_in_file'], ['unchanged', 'not_translated_in_file']]);
    expect((await segmentsOf(w)).map((s) => [s.text, s.state])).toEqual([['Brouillon', 'translated'], ['Une ligne humaine.', 'translated'], [`MT ${ids[2]}`, 'machine']]);
  });
});
