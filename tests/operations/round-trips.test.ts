/**
 * Round trips: what an operation sends to the database does not grow with the number of
 * segments (each query is a network round trip on PostgreSQL). Recording machine drafts,
 * reviewing, translation-memory suggestions and look-ups are counted for a statement of 10
 * and of 200 segments: the same count, under a small bound.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { lookupTm } from '../../src/operations/lookup-tm.ts';
import { getStatement, getTranslation, listStatements } from '../../src/operations/read-statements.ts';
import { recordMachineDrafts } from '../../src/operations/record-machine-drafts.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { dialects } from '../support/dialects.ts';
import { countRoundTrips } from '../support/round-trips.ts';
import { useWorld, type World } from '../support/world.ts';
import { applySegmentEvents } from '../../src/operations/apply-segment-event.ts';
import { segmentRows } from '../../src/store/queries/translations.ts';

/** A statement of n paragraphs, each one segment, alike enough for fuzzy memory matches. */
function statementOf(n: number): string {
  return Array.from({ length: n }, (_, i) => `Paragraph number ${i + 1} of the statement, about the depot.`).join('\n\n') + '\n';
}

const provenance = (at: string, model = 'eng|fra') => ({ engine: 'apertium', model, at });

/** The queries each operation sends for a statement of n segments. */
async function roundTrips(w: World, n: number) {
  const slug = `s-${n}`;
  await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: statementOf(n) });
  const counted = countRoundTrips(w.ctx.store);
  const ctx = { ...w.ctx, store: counted.store };
  const counts: Record<string, number> = {};
  const queries: Record<string, readonly string[]> = {};
  const measure = async (name: string, fn: () => Promise<unknown>) => {
    counted.reset();
    await fn();
    counts[name] = counted.count;
    queries[name] = counted.queries;
  };
  const segments = (await getStatement(w.ctx, slug)).segments;
  expect(segments).toHaveLength(n);
  const at = w.ctx.now().toISOString();

  await measure('machine drafts (new locale)', () => recordMachineDrafts(ctx, null, { slug, locale: 'fr', drafts: segments.map((s) => ({ segmentId: s.id, text: `FR ${s.text}`, provenance: provenance(at) })) }));
  await measure('machine drafts (again)', () => recordMachineDrafts(ctx, null, { slug, locale: 'fr', drafts: segments.map((s) => ({ segmentId: s.id, text: `FR2 ${s.text}`, provenance: provenance(at) })) }));
  await measure('suggestions (whole locale)', () => getTranslation(ctx, slug, 'fr', { suggestions: true }));
  await measure('suggestions (a page of 50)', () => getTranslation(ctx, slug, 'fr', { suggestions: true, limit: 50 }));
  await measure('look up memory', () => lookupTm(ctx, { sourceLocale: 'en', targetLocale: 'fr', text: segments[0]!.text }));

  for (const s of (await getTranslation(w.ctx, slug, 'fr')).segments) {
    await editSegment(w.ctx, w.translatorFr, { slug, locale: 'fr', segmentId: s.id, text: `Texte ${s.source}`, expectedVersion: s.version });
  }
  await submitLocale(w.ctx, w.translatorFr, { slug, locale: 'fr' });
  const read = Object.fromEntries((await getTranslation(w.ctx, slug, 'fr')).segments.map((s) => [s.id, s.version]));
  // Drafts put beside the translators' text since the reviewer read it: no change of what was read.
  await recordMachineDrafts(w.ctx, null, { slug, locale: 'fr', drafts: segments.map((s) => ({ segmentId: s.id, text: `FR3 ${s.text}`, provenance: provenance(at, 'eng|fra-2') })) });
  const half = segments.slice(0, n / 2).map((s) => s.id);
  await measure('request changes (named segments)', () => review(ctx, w.reviewerFr, { slug, locale: 'fr', decision: 'request_changes', segments: half, versions: Object.fromEntries(half.map((id) => [id, read[id]!])), comment: 'Again' }));
  for (const s of (await getTranslation(w.ctx, slug, 'fr', { segmentIds: half })).segments) {
    await editSegment(w.ctx, w.translatorFr, { slug, locale: 'fr', segmentId: s.id, text: `Texte revu ${s.source}`, expectedVersion: s.version });
  }
  const versions = Object.fromEntries((await getTranslation(w.ctx, slug, 'fr')).segments.map((s) => [s.id, s.version]));
  await measure('approve (whole locale)', () => review(ctx, w.reviewerFr, { slug, locale: 'fr', decision: 'approve', versions }));
  await measure('list statements (first page)', () => listStatements(ctx, { limit: 20 }));
  await measure('get statement', () => getStatement(ctx, slug));
  expect((await getTranslation(w.ctx, slug, 'fr')).states.approved).toBe(n);
  return { counts, queries };
}

describe.each(dialects)('round trips per operation ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('does not grow with the number of segments (10 and 200)', async () => {
    const w = world();
    const small = await roundTrips(w, 10);
    const large = await roundTrips(w, 200);
    console.log(`round trips (${dialect.name}), 10 → 200 segments:\n${Object.keys(small.counts).map((k) => `  ${k.padEnd(36)} ${String(small.counts[k]).padStart(4)} → ${String(large.counts[k]).padStart(4)}`).join('\n')}`);
    // Bounds: what each sends now, whatever the statement's size (chunks of several hundred rows a statement).
    const bound: Record<string, number> = {
      'machine drafts (new locale)': 12,
      'machine drafts (again)': 10,
      'suggestions (whole locale)': 12,
      'suggestions (a page of 50)': 12,
      'look up memory': 1,
      'request changes (named segments)': 12,
      'approve (whole locale)': 16,
      'list statements (first page)': 3,
      'get statement': 4,
    };
    for (const [name, count] of Object.entries(large.counts)) {
      expect({ name, count, queries: large.queries[name] }).toEqual({ name, count: small.counts[name], queries: large.queries[name] });
      expect(count, `${name}: ${large.queries[name]!.join('; ')}`).toBeLessThanOrEqual(bound[name]!);
    }
  }, 120_000);

  it('still writes each segment only at the version it was read, all or nothing', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'b', sourceLocale: 'en', markdown: statementOf(3) });
    const segments = (await getStatement(w.ctx, 'b')).segments;
    await recordMachineDrafts(w.ctx, null, { slug: 'b', locale: 'fr', drafts: segments.map((s) => ({ segmentId: s.id, text: `FR ${s.text}`, provenance: provenance('2026-05-01T09:00:00Z') })) });
    const t = await w.ctx.store.db.selectFrom('translations').select('id').executeTakeFirstOrThrow();
    const read = await segmentRows(w.ctx.store.db, t.id, 1);
    await editSegment(w.ctx, w.translatorFr, { slug: 'b', locale: 'fr', segmentId: segments[1]!.id, text: 'Gagnant', expectedVersion: read[1]!.version });
    const history = async () => (await w.ctx.store.db.selectFrom('segment_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await history();
    // A writer still holding the old rows (as another process would) loses them all, without writing.
    await expect(
      w.ctx.store.transaction((trx) =>
        applySegmentEvents(trx, read.map((row) => ({ change: { translationId: t.id, revision: 1, segmentId: row.segment_id, event: 'machine_draft' as const, machine: { text: 'Perdant', provenance: provenance('x') }, actor: null, at: 'x' }, row }))),
      ),
    ).rejects.toMatchObject({ code: 'version_conflict', details: { segmentId: segments[1]!.id, text: 'Gagnant' } });
    const after = await segmentRows(w.ctx.store.db, t.id, 1);
    expect(after.map((r) => [r.text, r.version])).toEqual([[read[0]!.text, read[0]!.version], ['Gagnant', read[1]!.version + 1], [read[2]!.text, read[2]!.version]]);
    expect(await history()).toBe(before);
  });

  it('takes a segment named twice in one call once', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'd', sourceLocale: 'en', markdown: statementOf(2) });
    const [a, b] = (await getStatement(w.ctx, 'd')).segments;
    const drafted = await recordMachineDrafts(w.ctx, null, {
      slug: 'd',
      locale: 'fr',
      drafts: [a!, b!, a!].map((s, i) => ({ segmentId: s.id, text: `FR${i} ${s.text}`, provenance: provenance('2026-05-01T09:00:00Z') })),
    });
    expect(drafted.applied).toEqual([a!.id, b!.id]);
    const t = await getTranslation(w.ctx, 'd', 'fr');
    expect(t.segments.map((s) => s.machine)).toEqual([`FR2 ${a!.text}`, `FR1 ${b!.text}`]);
    for (const s of t.segments) await editSegment(w.ctx, w.translatorFr, { slug: 'd', locale: 'fr', segmentId: s.id, text: `Texte ${s.source}`, expectedVersion: s.version });
    const versions = Object.fromEntries((await getTranslation(w.ctx, 'd', 'fr')).segments.map((s) => [s.id, s.version]));
    const decided = await review(w.ctx, w.reviewerFr, { slug: 'd', locale: 'fr', decision: 'approve', segments: [a!.id, a!.id], versions: { [a!.id]: versions[a!.id]! } });
    expect(decided.segments).toEqual([a!.id]);
    const reviews = await w.ctx.store.db.selectFrom('reviews').select('segment_id').execute();
    expect(reviews.map((r) => r.segment_id)).toEqual([a!.id]);
  });
});
