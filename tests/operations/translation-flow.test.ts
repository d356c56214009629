/** The translation workflow through the operations, on a real database file. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { parseMarkdown } from '../../src/markdown/index.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { publish } from '../../src/operations/publish.ts';
import { getTranslation, listEditions, liveEdition } from '../../src/operations/read-statements.ts';
import { recordMachineDrafts } from '../../src/operations/record-machine-drafts.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, create, draftAll, translateAll, versionsOf } from '../support/flow.ts';
import { shapeOf } from '../support/trees.ts';
import { useWorld } from '../support/world.ts';

async function refused(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe.each(dialects)('translation workflow ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('drafts, edits, submits, reviews with four eyes and publishes', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    let t = await getTranslation(w.ctx, 'seed-bank', 'fr');
    expect(t.segments.every((s) => s.state === 'machine' && s.machine === s.text && s.machineProvenance?.engine === 'pseudo')).toBe(true);

    await refused(submitLocale(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr' }), 'not_ready_to_submit');
    await translateAll(w, 'seed-bank', 'fr', w.translatorReviewerFr);
    await submitLocale(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr' });

    // Four eyes: Théo wrote the text, so Théo cannot approve it; Rémi can.
    const fourEyes = await refused(review(w.ctx, w.translatorReviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve', versions: await versionsOf(w, 'seed-bank', 'fr') }), 'four_eyes');
    expect((fourEyes.details.segments as string[]).length).toBe(t.segments.length);
    await refused(publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] }), 'not_ready_to_publish');

    t = await getTranslation(w.ctx, 'seed-bank', 'fr');
    const first = t.segments[0]!;
    await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'request_changes', segments: [first.id], comment: 'Title is too long' });
    expect((await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[0]!.state).toBe('changes_requested');
    await refused(review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve', versions: await versionsOf(w, 'seed-bank', 'fr') }), 'not_ready_to_approve');

    const again = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[0]!;
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: again.id, text: 'La banque de semences ouvre', expectedVersion: again.version });
    await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve', versions: await versionsOf(w, 'seed-bank', 'fr') });
    t = await getTranslation(w.ctx, 'seed-bank', 'fr');
    expect(t.segments.every((s) => s.state === 'approved')).toBe(true);

    const { editions } = await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] });
    const edition = editions[0]!;
    expect(edition.locale).toBe('fr');
    expect(edition.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(edition.markdown).toContain('title: La banque de semences ouvre');
    expect(shapeOf(parseMarkdown(edition.markdown))).toEqual(shapeOf(parseMarkdown((await import('../support/flow.ts')).shortStatement)));
    const provenance = JSON.parse(edition.provenance);
    expect(provenance).toMatchObject({ source: false, sourceRevision: 1, machineAssistedShare: 1, unreviewedMachineShare: 0, engines: ['pseudo'], reviewers: ['Rémi Relecteur'] });
    const live = await liveEdition(w.ctx, 'seed-bank', 'fr');
    expect(live.id).toBe(edition.id);
    expect(live.markdown).toBe(edition.markdown);
  });

  it('refuses the wrong roles and changes nothing', async () => {
    const w = world();
    await refused(
      (await import('../../src/operations/create-statement.ts')).createStatement(w.ctx, w.translatorFr, { slug: 'x', sourceLocale: 'en', markdown: '# X\n' }),
      'forbidden',
    );
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const s = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[0]!;
    await refused(editSegment(w.ctx, w.translatorAr, { slug: 'seed-bank', locale: 'fr', segmentId: s.id, text: 'x', expectedVersion: s.version }), 'forbidden');
    await refused(review(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve' }), 'forbidden');
    await refused(publish(w.ctx, w.reviewerFr, { slug: 'seed-bank', locales: ['fr'] }), 'forbidden');
    await refused(recordMachineDrafts(w.ctx, w.reviewerAr, { slug: 'seed-bank', locale: 'fr', drafts: [] }), 'forbidden');
    const after = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[0]!;
    expect(after).toEqual(s);
  });

  it('refuses an edit at a stale version, with the current text', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const s = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[1]!;
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: s.id, text: 'Première version à <g id="1">Qasr Naba</g>', expectedVersion: s.version });
    const error = await refused(editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: s.id, text: 'Autre à <g id="1">Qasr Naba</g>', expectedVersion: s.version }), 'version_conflict');
    expect(error.details).toMatchObject({ text: 'Première version à <g id="1">Qasr Naba</g>', version: s.version + 1, state: 'translated' });
  });

  it('refuses invalid slugs, locales and the source locale', async () => {
    const w = world();
    const { createStatement } = await import('../../src/operations/create-statement.ts');
    for (const slug of ['Seed Bank', 'seed_bank', '-seed', 'seed--bank', '', 'é']) {
      await refused(createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: '# X\n' }), 'slug_invalid');
    }
    await refused(createStatement(w.ctx, w.publisher, { slug: 'ok', sourceLocale: 'en_US', markdown: '# X\n' }), 'locale_invalid');
    await refused(createStatement(w.ctx, w.publisher, { slug: 'ok', sourceLocale: 'en', markdown: '   ' }), 'input_unreadable');
    await create(w);
    await refused(create(w), 'statement_exists');
    await refused(draftAll(w, 'seed-bank', 'en'), 'locale_is_source');
    await refused(draftAll(w, 'seed-bank', 'not a tag'), 'locale_invalid');
    await refused(draftAll(w, 'nope', 'fr'), 'statement_not_found');
  });

  it('publishes several locales together, or none', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await draftAll(w, 'seed-bank', 'ar');
    await refused(publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr', 'ar'] }), 'not_ready_to_publish');
    expect(await listEditions(w.ctx, 'seed-bank')).toEqual([]);
    await translateAll(w, 'seed-bank', 'ar', w.translatorAr);
    await review(w.ctx, w.reviewerAr, { slug: 'seed-bank', locale: 'ar', decision: 'approve', versions: await versionsOf(w, 'seed-bank', 'ar') });
    const { editions } = await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr', 'ar', 'en'] });
    expect(editions.map((e) => [e.locale, e.created])).toEqual([['fr', true], ['ar', true], ['en', true]]);
    expect((await liveEdition(w.ctx, 'seed-bank', 'en')).markdown).toBe((await import('../support/flow.ts')).shortStatement);
  });

  it('keeps every edition; a correction goes live at its embargo; a withdrawal brings back the previous one', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    const first = (await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] })).editions[0]!;
    // Publishing again with nothing changed makes no new edition.
    expect((await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] })).editions[0]!).toMatchObject({ id: first.id, created: false });

    // A correction with an embargo: the first edition stays live until then.
    const s = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[2]!;
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: s.id, text: 'Le RSN a ouvert son troisième dépôt le 3 avril 2026 (corrigé).', expectedVersion: s.version });
    await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve', segments: [s.id], versions: { [s.id]: s.version + 1 } });
    const correction = (await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'], embargoUntil: '2026-05-02T08:00:00Z' })).editions[0]!;
    expect(correction.supersedes).toBe(first.id);
    expect((await liveEdition(w.ctx, 'seed-bank', 'fr')).id).toBe(first.id);
    w.at('2026-05-02T08:00:00.000Z');
    expect((await liveEdition(w.ctx, 'seed-bank', 'fr')).id).toBe(correction.id);

    await refused(withdrawEdition(w.ctx, w.translatorFr, { slug: 'seed-bank', editionId: correction.id, reason: 'x' }), 'forbidden');
    await withdrawEdition(w.ctx, w.publisher, { slug: 'seed-bank', editionId: correction.id, reason: 'Wrong figure' });
    expect((await liveEdition(w.ctx, 'seed-bank', 'fr')).id).toBe(first.id);
    await refused(withdrawEdition(w.ctx, w.publisher, { slug: 'seed-bank', editionId: correction.id, reason: 'again' }), 'edition_withdrawn');
    await withdrawEdition(w.ctx, w.publisher, { slug: 'seed-bank', editionId: first.id, reason: 'Retracted' });
    await refused(liveEdition(w.ctx, 'seed-bank', 'fr'), 'edition_not_found');

    const all = await listEditions(w.ctx, 'seed-bank');
    expect(all.map((e) => [e.id, e.withdrawalReason])).toEqual([[first.id, 'Retracted'], [correction.id, 'Wrong figure']]);
    await refused(publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'], embargoUntil: 'tomorrow' }), 'embargo_invalid');
  });

  it('publishes now what was scheduled with the same text, and makes no copy of what is live', async () => {
    const w = world();
    await create(w);
    const scheduled = (await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'], embargoUntil: '2026-06-01T00:00:00Z' })).editions[0]!;
    await refused(liveEdition(w.ctx, 'seed-bank', 'en'), 'edition_not_found');
    const now = (await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] })).editions[0]!;
    expect(now.created).toBe(true);
    expect(now.supersedes).toBe(scheduled.id);
    expect((await liveEdition(w.ctx, 'seed-bank', 'en')).id).toBe(now.id);
    expect((await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] })).editions[0]).toMatchObject({ id: now.id, created: false });
  });

  it('keeps every change of a segment in its history', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    const s = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[0]!;
    const history = await w.ctx.store.db.selectFrom('segment_history').select(['event', 'state', 'version', 'text']).where('segment_id', '=', s.id).orderBy('version').execute();
    expect(history.map((h) => [h.event, h.state, h.version])).toEqual([
      ['machine_draft', 'machine', 2],
      ['edit', 'translated', 3],
      ['approve', 'approved', 4],
    ]);
  });
});
