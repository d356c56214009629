/**
 * Publishing and revising the source send as many queries for a statement of 200 segments as
 * for one of 10 (each query is a network round trip on PostgreSQL): the segment rows, their
 * history and the translation memory are written in statements of up to 500 rows, not one by one.
 */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale } from '../support/flow.ts';
import { countRoundTrips } from '../support/round-trips.ts';
import { useWorld, type World } from '../support/world.ts';

const statementOf = (n: number, last = 'depot') => Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the statement, about the ${i === n - 1 ? last : 'depot'}.`).join('\n\n') + '\n';

async function roundTrips(w: World, n: number) {
  const slug = `s-${n}`;
  await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: statementOf(n) });
  await approveLocale(w, slug, 'fr', w.translatorFr, w.reviewerFr);
  await approveLocale(w, slug, 'ar', w.translatorAr, w.reviewerAr);
  const counted = countRoundTrips(w.ctx.store);
  const ctx = { ...w.ctx, store: counted.store };
  const published = await publish(ctx, w.publisher, { slug, locales: ['en', 'fr', 'ar'] });
  expect(published.editions.map((e) => e.created)).toEqual([true, true, true]);
  const publishing = [...counted.queries];
  counted.reset();
  const revised = await reviseSource(ctx, w.publisher, { slug, markdown: statementOf(n, 'new depot'), expectedRevision: 1 });
  expect(revised).toMatchObject({ revision: 2, created: true, stale: 2 });
  return { publishing, revising: [...counted.queries] };
}

describe.each(dialects)('round trips of publishing and revising ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('do not grow with the number of segments (10 and 200)', async () => {
    const w = world();
    const small = await roundTrips(w, 10);
    const large = await roundTrips(w, 200);
    console.log(`round trips (${dialect.name}), 10 → 200 segments: publish (3 locales) ${small.publishing.length} → ${large.publishing.length}, revise (2 locales) ${small.revising.length} → ${large.revising.length}`);
    expect(large.publishing, large.publishing.join('; ')).toHaveLength(small.publishing.length);
    expect(large.revising, large.revising.join('; ')).toHaveLength(small.revising.length);
  }, 120_000);
});
