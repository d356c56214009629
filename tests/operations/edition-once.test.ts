/**
 * One home for each rule (issue 20): an edition is built by one recipe (documents/tasks.ts
 * reassembleEdition), once per publication, and its machine share is counted by one function
 * (quality/machine-share.ts) for the gate, the provenance and the publish page's preview.
 */
import { describe, expect, it } from 'vitest';
import { inThisThread, type DocumentRunner } from '../../src/documents/workers.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { setLinkTargets } from '../../src/operations/link-targets.ts';
import { previewEdition } from '../../src/operations/preview-edition.ts';
import { publish } from '../../src/operations/publish.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { dialects } from '../support/dialects.ts';
import { create, draftAll, marked, versionsOf } from '../support/flow.ts';
import { useWorld, type World } from '../support/world.ts';

const statement = `---
title: Seed bank opens
lang: en
---

# Seed bank opens

The network opened a depot near the river.

Read [the report](https://example.org/report).

2026
`;

/** Builds of an edition: a reassembly, or the quality checks that reassemble it for the edition rules. */
function countingBuilds(): { runner: DocumentRunner; builds: () => number; reset: () => void } {
  const inner = inThisThread();
  let builds = 0;
  const runner: DocumentRunner = {
    run: (name, input) => {
      if (name === 'reassemble' || (name === 'quality' && (input as { edition: boolean }).edition)) builds++;
      return inner.run(name, input);
    },
  };
  return { runner, builds: () => builds, reset: () => (builds = 0) };
}

/** French: machine drafts everywhere, one text edited by the translator, the rest left as the machine wrote them; approved. */
async function approvedMostlyMachine(w: World) {
  await create(w, 'seed-bank', statement);
  await setLinkTargets(w.ctx, w.admin, 'fr', { 'https://example.org/report': 'https://example.org/fr/rapport' });
  await draftAll(w, 'seed-bank', 'fr');
  const t = await getTranslation(w.ctx, 'seed-bank', 'fr');
  let first = true;
  for (const s of t.segments) {
    if (s.state === 'approved' || s.state === 'translated') continue;
    const text = first ? marked(s.machine ?? s.source, '✎') : (s.machine ?? s.source);
    first = false;
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: s.id, text, expectedVersion: s.version });
  }
  await submitLocale(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr' });
  await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve', versions: await versionsOf(w, 'seed-bank', 'fr') });
}

describe.each(dialects)('an edition, once ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('is built once per locale on publication, and is the tree the publish page previewed', async () => {
    const w = world();
    const spy = countingBuilds();
    w.ctx.documents = spy.runner;
    await approvedMostlyMachine(w);
    const preview = await previewEdition(w.ctx, 'seed-bank', 'fr');
    spy.reset();
    const { editions } = await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'], override: { reason: 'test' } });
    expect(spy.builds()).toBe(1);
    const edition = editions[0]!;
    expect(edition.markdown).toContain('lang: fr');
    expect(edition.markdown).toContain('https://example.org/fr/rapport');
    expect(JSON.parse(edition.mdast as string)).toEqual(preview.tree);
  });

  it('counts machine text the same way for the gate, the provenance and the preview', async () => {
    const w = world();
    await approvedMostlyMachine(w);
    const preview = await previewEdition(w.ctx, 'seed-bank', 'fr');
    const { editions } = await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'], override: { reason: 'test' } });
    const edition = editions[0]!;
    const finding = edition.findings.find((f) => f.rule === 'machine-share');
    expect(finding).toBeDefined();
    const { count, total } = finding!.args as { count: number; total: number };
    // The number-only paragraph has nothing to translate: it is not counted (3 of the 4 texts are the machine's).
    expect({ count, total }).toEqual({ count: 3, total: 4 });
    const provenance = JSON.parse(edition.provenance as string) as { unreviewedMachineShare: number; machineAssistedShare: number };
    expect(provenance.unreviewedMachineShare).toBe(count / total);
    expect(preview.unreviewedMachineShare).toBe(count / total);
  });
});
