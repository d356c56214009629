/** Comment threads per segment (issue 16), on both databases: who writes, what is stored, review comments. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { addComment, commentNotes, listComments } from '../../src/operations/segment-comments.ts';
import { dialects } from '../support/dialects.ts';
import { create, draftAll } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

async function refused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

describe.each(dialects)('segment comments ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('keeps a thread per segment both ways, with author, role and time', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const [first, second] = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments;
    w.at('2026-05-01T10:00:00.000Z');
    await addComment(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', segmentId: first!.id, text: '  Is “depot” right here?  ' });
    w.at('2026-05-01T10:05:00.000Z');
    await addComment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: first!.id, text: 'Yes: the network says “dépôt”.' });
    await addComment(w.ctx, w.admin, { slug: 'seed-bank', locale: 'fr', text: 'General note' });
    const threads = await listComments(w.ctx, { slug: 'seed-bank', locale: 'fr' });
    expect(threads.total).toBe(3);
    expect(threads.segments[first!.id]!.map((c) => [c.author.name, c.author.role, c.text, c.at])).toEqual([
      ['Rémi Relecteur', 'reviewer', 'Is “depot” right here?', '2026-05-01T10:00:00.000Z'],
      ['Fanny Traductrice', 'translator', 'Yes: the network says “dépôt”.', '2026-05-01T10:05:00.000Z'],
    ]);
    expect(threads.segments[second!.id]).toBeUndefined();
    expect(threads.general.map((c) => [c.author.role, c.text])).toEqual([['admin', 'General note']]);
    const one = await listComments(w.ctx, { slug: 'seed-bank', locale: 'fr', segmentId: first!.id });
    expect(one.total).toBe(2);
    const notes = await commentNotes(w.ctx, 'seed-bank', 'fr');
    expect(notes.get(first!.id)!.map((n) => n.author)).toEqual(['Rémi Relecteur', 'Fanny Traductrice']);
    expect(notes.get('')![0]!.text).toBe('General note');
  });

  it('refuses outsiders, unknown segments and empty text, and stores nothing then', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const [first] = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments;
    await refused(addComment(w.ctx, w.translatorAr, { slug: 'seed-bank', locale: 'fr', segmentId: first!.id, text: 'Hi' }), 'forbidden');
    await refused(addComment(w.ctx, w.publisher, { slug: 'seed-bank', locale: 'fr', segmentId: first!.id, text: 'Hi' }), 'forbidden');
    await refused(addComment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: 'nope', text: 'Hi' }), 'segment_not_found');
    await refused(addComment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: first!.id, text: '   ' }), 'validation_failed');
    await refused(addComment(w.ctx, w.translatorAr, { slug: 'seed-bank', locale: 'ar', text: 'Hi' }), 'translation_not_found');
    expect((await listComments(w.ctx, { slug: 'seed-bank', locale: 'fr' })).total).toBe(0);
    expect((await listComments(w.ctx, { slug: 'seed-bank', locale: 'ar' })).total).toBe(0);
  });

  it('stores a "request changes" comment in the named segments’ threads, else the general one', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const [first, second] = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments;
    await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'request_changes', segments: [first!.id, second!.id], comment: 'Too literal' });
    await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'request_changes', comment: 'Check every number' });
    const threads = await listComments(w.ctx, { slug: 'seed-bank', locale: 'fr' });
    expect(threads.segments[first!.id]!.map((c) => [c.kind, c.text, c.author.name])).toEqual([['request_changes', 'Too literal', 'Rémi Relecteur']]);
    expect(threads.segments[second!.id]!.map((c) => c.text)).toEqual(['Too literal']);
    expect(threads.general.map((c) => [c.kind, c.text])).toEqual([['request_changes', 'Check every number']]);
  });
});
