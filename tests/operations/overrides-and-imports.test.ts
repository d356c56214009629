/**
 * Uploading a whole translation (Markdown aligned by structure, or texts by segment id) and
 * overriding a quality finding, on every storage dialect: all or nothing, and an override that
 * lapses when its segment's text changes.
 */
import { describe, expect, it } from 'vitest';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { exportTranslationXliff } from '../../src/operations/export-xliff.ts';
import { importTexts, importTranslationMarkdown } from '../../src/operations/import-translation.ts';
import { overrideFinding } from '../../src/operations/quality.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { dialects } from '../support/dialects.ts';
import { create } from '../support/flow.ts';
import { useWorld, type World } from '../support/world.ts';

const french = (paragraph: string) => `---
title: La banque de semences ouvre
---

# La banque de semences ouvre à *Qasr Naba*

${paragraph}

- Elle conserve **12,500** échantillons.
- Lisez [le rapport](https://example.org/report).
`;

const complete = french('Le Réseau régional de semences (RSN) a ouvert son troisième dépôt le 3 avril 2026.');
/** The year is missing: a numbers finding. */
const withoutYear = french('Le Réseau régional de semences (RSN) a ouvert son troisième dépôt le 3 avril.');

const snapshot = async (w: World) => (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments.map((s) => [s.id, s.text, s.state, s.version]);

describe.each(dialects)('uploads and overrides ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('imports a Markdown translation as the uploader’s edits, then only what changed', async () => {
    const w = world();
    await create(w);
    const first = await importTranslationMarkdown(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', markdown: complete });
    expect(first).toMatchObject({ locale: 'fr', revision: 1, updated: 5, unchanged: 0 });
    const t = await getTranslation(w.ctx, 'seed-bank', 'fr');
    expect(t.segments.map((s) => [s.state, s.lastEditor])).toEqual(Array.from({ length: 5 }, () => ['translated', w.translatorFr.id]));
    expect(t.segments[2]!.text).toBe('Le Réseau régional de semences (RSN) a ouvert son troisième dépôt le 3 avril 2026.');
    const again = await importTranslationMarkdown(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', markdown: withoutYear });
    expect(again).toMatchObject({ updated: 1, unchanged: 4 });
    // XLIFF out carries what was imported.
    expect(await exportTranslationXliff(w.ctx, 'seed-bank', 'fr')).toContain('troisième dépôt le 3 avril.');
  });

  it('refuses an upload whole: another structure, a broken placeholder, an unknown segment, no role', async () => {
    const w = world();
    await create(w);
    await importTranslationMarkdown(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', markdown: complete });
    const before = await snapshot(w);
    await expect(importTranslationMarkdown(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', markdown: complete.replace('- Lisez', 'Lisez') })).rejects.toMatchObject({ code: 'structure_mismatch' });
    const [title, heading, paragraph] = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments;
    await expect(importTexts(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', texts: new Map([[title!.id, 'Nouveau titre'], [heading!.id, 'Sans placeholder']]) })).rejects.toMatchObject({ code: 'placeholders_broken', details: { segments: [heading!.id] } });
    await expect(importTexts(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', texts: new Map([[paragraph!.id, 'Texte'], ['nope', 'x']]) })).rejects.toMatchObject({ code: 'segment_not_found' });
    await expect(importTranslationMarkdown(w.ctx, w.translatorAr, { slug: 'seed-bank', locale: 'fr', markdown: complete })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(importTranslationMarkdown(w.ctx, w.translatorFr, { slug: 'nope', locale: 'fr', markdown: complete })).rejects.toMatchObject({ code: 'statement_not_found' });
    expect(await snapshot(w)).toEqual(before);
  });

  it('overrides a finding with a reason; an edit of the segment makes it lapse', async () => {
    const w = world();
    await create(w);
    await importTranslationMarkdown(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', markdown: withoutYear });
    const paragraphOf = async () => (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[2]!;
    const numbers = (s: Awaited<ReturnType<typeof paragraphOf>>) => s.findings.find((f) => f.rule === 'numbers');
    expect(numbers(await paragraphOf())).toMatchObject({ key: 'numbers.missing' });
    expect(numbers(await paragraphOf())).not.toHaveProperty('overridden');
    const para = await paragraphOf();
    await expect(overrideFinding(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', rule: 'numbers', segmentId: para.id, reason: '  ' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(overrideFinding(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', rule: 'numbers', segmentId: para.id, reason: 'House style' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(overrideFinding(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', rule: 'numbers', segmentId: 'nope', reason: 'House style' })).rejects.toMatchObject({ code: 'segment_not_found' });
    w.at('2026-05-01T09:05:00.000Z');
    const o = await overrideFinding(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', rule: 'numbers', segmentId: para.id, reason: 'Year left out on purpose' });
    expect(o).toMatchObject({ locale: 'fr', rule: 'numbers', segmentId: para.id, at: '2026-05-01T09:05:00.000Z' });
    expect(numbers(await paragraphOf())).toMatchObject({ overridden: { reason: 'Year left out on purpose', by: 'Rémi Relecteur', at: '2026-05-01T09:05:00.000Z' } });
    // A later override of the same finding holds.
    w.at('2026-05-01T09:06:00.000Z');
    await overrideFinding(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', rule: 'numbers', segmentId: para.id, reason: 'Second thoughts' });
    expect(numbers(await paragraphOf())).toMatchObject({ overridden: { reason: 'Second thoughts' } });
    // Another text: the override no longer holds.
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: para.id, text: `${para.text!} Bis.`, expectedVersion: para.version });
    expect(numbers(await paragraphOf())).toMatchObject({ key: 'numbers.missing' });
    expect(numbers(await paragraphOf())).not.toHaveProperty('overridden');
  });
});
