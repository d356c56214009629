/** Steps of the translation workflow, shared by operation suites. */
import type { World } from './world.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { recordMachineDrafts } from '../../src/operations/record-machine-drafts.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { pseudoText } from '../../src/mt/pseudo.ts';
import { xmlCodec } from '../../src/markdown/placeholder-codec.ts';
import type { Actor } from '../../src/workflow/roles.ts';

export const shortStatement = `---
title: Seed bank opens
---

# Seed bank opens in *Qasr Naba*

The Regional Seed Network (RSN) opened its third depot on 3 April 2026.

- It holds **12,500** samples.
- Read [the report](https://example.org/report).
`;

export async function create(w: World, slug = 'seed-bank', markdown = shortStatement) {
  return createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown });
}

/** Machine drafts (pseudo) for every segment of a locale. */
export async function draftAll(w: World, slug: string, locale: string) {
  const statement = await import('../../src/operations/read-statements.ts').then((m) => m.getStatement(w.ctx, slug));
  return recordMachineDrafts(w.ctx, null, {
    slug,
    locale,
    drafts: statement.segments.map((s) => ({ segmentId: s.id, text: pseudoText(s.text), provenance: { engine: 'pseudo', model: `pseudo-${locale}`, at: w.ctx.now().toISOString(), development: true } })),
  });
}

/** A translator edits every segment not yet approved (text: the machine text with a mark). */
export async function translateAll(w: World, slug: string, locale: string, translator: Actor, mark = '✎') {
  const t = await getTranslation(w.ctx, slug, locale);
  for (const s of t.segments) {
    if (s.state === 'approved') continue;
    const base = s.machine ?? s.source;
    await editSegment(w.ctx, translator, { slug, locale, segmentId: s.id, text: marked(base, mark), expectedVersion: s.version });
  }
}

/** The text with a mark at the start of its first text run (no new text where the source has none). */
export function marked(text: string, mark: string): string {
  const { tokens } = xmlCodec.decode(text);
  const first = tokens.find((t) => t.type === 'text');
  if (first && first.type === 'text') first.value = `${mark}${first.value}`;
  return xmlCodec.encode(tokens);
}

/** Draft, translate, submit and approve a whole locale. */
export async function approveLocale(w: World, slug: string, locale: string, translator: Actor, reviewer: Actor) {
  await draftAll(w, slug, locale);
  await translateAll(w, slug, locale, translator);
  await submitLocale(w.ctx, translator, { slug, locale });
  await review(w.ctx, reviewer, { slug, locale, decision: 'approve', versions: await versionsOf(w, slug, locale) });
}

/** Segment id → version, as a reviewer reads them before deciding. */
export async function versionsOf(w: World, slug: string, locale: string): Promise<Record<string, number>> {
  return Object.fromEntries((await getTranslation(w.ctx, slug, locale)).segments.map((s) => [s.id, s.version]));
}
