/** A segment's history (segment-history.ts), on both databases: every version newest first, who and when, across source revisions. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { historiesOf, segmentHistory } from '../../src/operations/segment-history.ts';
import type { KyselyPlugin } from 'kysely';
import { dialects } from '../support/dialects.ts';
import { create, draftAll, shortStatement } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

async function refused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

describe.each(dialects)('segment history ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('lists every version newest first with event, state, text, who and when; a replaced text stays readable', async () => {
    const w = world();
    await create(w);
    w.at('2026-05-01T10:00:00.000Z');
    await draftAll(w, 'seed-bank', 'fr');
    const first = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments.find((s) => s.kind === 'paragraph')!;
    w.at('2026-05-01T10:05:00.000Z');
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: first.id, text: 'Le Réseau a ouvert son dépôt.', expectedVersion: first.version });
    w.at('2026-05-01T10:10:00.000Z');
    await editSegment(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', segmentId: first.id, text: 'Texte écrasé.', expectedVersion: first.version + 1 });
    w.at('2026-05-01T10:15:00.000Z');
    await review(w.ctx, w.translatorReviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'request_changes', segments: [first.id], versions: { [first.id]: first.version + 2 }, comment: 'Why?' });

    for (const reader of [w.translatorFr, w.reviewerFr, w.admin, w.publisher, w.translatorAr]) {
      const h = await segmentHistory(w.ctx, reader, { slug: 'seed-bank', locale: 'fr', segmentId: first.id });
      expect(h.versions.map((v) => [v.version, v.event, v.state, v.text, v.by?.name ?? null, v.at])).toEqual([
        [first.version + 3, 'request_changes', 'changes_requested', 'Texte écrasé.', 'Théo Double', '2026-05-01T10:15:00.000Z'],
        [first.version + 2, 'edit', 'translated', 'Texte écrasé.', 'Rémi Relecteur', '2026-05-01T10:10:00.000Z'],
        [first.version + 1, 'edit', 'translated', 'Le Réseau a ouvert son dépôt.', 'Fanny Traductrice', '2026-05-01T10:05:00.000Z'],
        [first.version, 'machine_draft', 'machine', first.machine, null, '2026-05-01T10:00:00.000Z'],
      ]);
    }
  });

  it('follows a segment back through a changed source', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const before = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments.find((s) => s.kind === 'paragraph')!;
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: before.id, text: 'Avant la révision.', expectedVersion: before.version });
    await reviseSource(w.ctx, w.publisher, { slug: 'seed-bank', markdown: shortStatement.replace('third depot', 'fourth depot'), expectedRevision: 1 });
    const after = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments.find((s) => s.kind === 'paragraph')!;
    expect(after.id).not.toBe(before.id);
    const h = await segmentHistory(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: after.id });
    expect(h.versions.map((v) => [v.revision, v.version, v.event, v.text])).toEqual([
      [2, before.version + 2, 'source_changed', 'Avant la révision.'],
      [1, before.version + 1, 'edit', 'Avant la révision.'],
      [1, before.version, 'machine_draft', before.machine],
    ]);
    // An unchanged segment keeps its id and its history.
    const title = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[0]!;
    expect((await segmentHistory(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: title.id })).versions.map((v) => [v.revision, v.event])).toEqual([[1, 'machine_draft']]);
  });

  it('gives the page every segment’s history at once, and refuses unknown segments and translations', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const page = await getTranslation(w.ctx, 'seed-bank', 'fr', { history: true });
    expect(page.segments.every((s) => s.history?.length === 1 && s.history[0]!.event === 'machine_draft')).toBe(true);
    // One query for the page's segments, whatever their number (not one a segment).
    let queries = 0;
    const plugin: KyselyPlugin = { transformQuery: (a) => (queries++, a.node), transformResult: async (a) => a.result };
    const translationId = (await w.ctx.store.db.selectFrom('translations').select('id').where('locale', '=', 'fr').executeTakeFirstOrThrow()).id;
    const read = await historiesOf(w.ctx.store.db.withPlugin(plugin), translationId, page.revision, page.segments.map((s) => s.id));
    expect(page.segments.length).toBeGreaterThan(3);
    expect([queries, [...read.values()].every((h) => h.length === 1)]).toEqual([1, true]);
    await refused(segmentHistory(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: 'nope' }), 'segment_not_found');
    await refused(segmentHistory(w.ctx, w.translatorAr, { slug: 'seed-bank', locale: 'ar', segmentId: page.segments[0]!.id }), 'translation_not_found');
    await refused(segmentHistory(w.ctx, w.translatorFr, { slug: 'nope', locale: 'fr', segmentId: page.segments[0]!.id }), 'statement_not_found');
  });
});
