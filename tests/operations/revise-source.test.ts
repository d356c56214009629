/** A new source revision marks stale exactly the segments whose source changed. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { segmentMarkdown } from '../../src/markdown/index.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { getTranslation, liveEdition } from '../../src/operations/read-statements.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { contentStatements } from '../support/corpora.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('revising the source ($name)', (dialect) => {
  const world = useWorld(dialect);
  const sample = contentStatements()[0]!;

  it('marks stale only the changed paragraph; the rest stay approved; the edition stays live', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: sample.name, sourceLocale: 'en', markdown: sample.markdown });
    await approveLocale(w, sample.name, 'fr', w.translatorFr, w.reviewerFr);
    await approveLocale(w, sample.name, 'ar', w.translatorAr, w.reviewerAr);
    const edition = (await publish(w.ctx, w.publisher, { slug: sample.name, locales: ['fr', 'ar'] })).editions[0]!;

    // Change one word of one paragraph.
    const doc = segmentMarkdown(sample.markdown);
    const target = doc.segments.find((s) => s.kind === 'paragraph' && / the /.test(s.text))!;
    const revisedText = reviseParagraph(sample.markdown, doc, target.id);
    expect(revisedText).not.toBe(sample.markdown);

    const before = await getTranslation(w.ctx, sample.name, 'fr');
    const result = await reviseSource(w.ctx, w.publisher, { slug: sample.name, markdown: revisedText, expectedRevision: 1 });
    expect(result).toMatchObject({ revision: 2, created: true, stale: 2 });

    for (const locale of ['fr', 'ar']) {
      const after = await getTranslation(w.ctx, sample.name, locale);
      expect(after.revision).toBe(2);
      const stale = after.segments.filter((s) => s.state === 'stale');
      expect(stale).toHaveLength(1);
      expect(after.segments.filter((s) => s.state === 'approved')).toHaveLength(after.segments.length - 1);
      // The stale segment keeps its translation for the translator to update.
      const old = before.segments.find((s) => s.id === target.id)!;
      if (locale === 'fr') expect(stale[0]!.text).toBe(old.text);
      expect(stale[0]!.id).not.toBe(target.id);
    }
    expect((await liveEdition(w.ctx, sample.name, 'fr')).id).toBe(edition.id);
    await expect(publish(w.ctx, w.publisher, { slug: sample.name, locales: ['fr'] })).rejects.toMatchObject({ code: 'not_ready_to_publish' });
  });

  it('refuses a revision made against an older one, and records nothing for identical text', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'short', sourceLocale: 'en', markdown: '# Title\n\nOne.\n' });
    await expect(reviseSource(w.ctx, w.publisher, { slug: 'short', markdown: '# Title\n\nTwo.\n', expectedRevision: 0 })).rejects.toMatchObject({
      code: 'revision_conflict',
    });
    expect(await reviseSource(w.ctx, w.publisher, { slug: 'short', markdown: '# Title\n\nOne.\n', expectedRevision: 1 })).toEqual({ revision: 1, created: false, stale: 0 });
    await expect(reviseSource(w.ctx, w.translatorFr, { slug: 'short', markdown: '# T\n', expectedRevision: 1 })).rejects.toBeInstanceOf(DomainError);
  });

  it('pairs a replaced paragraph with the old one (stale), adds new ones as untranslated', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'short', sourceLocale: 'en', markdown: '# Title\n\nOne.\n\nTwo.\n' });
    await approveLocale(w, 'short', 'fr', w.translatorFr, w.reviewerFr);
    await reviseSource(w.ctx, w.publisher, { slug: 'short', markdown: '# Title\n\nOne.\n\n- A new list item\n\n## New heading\n', expectedRevision: 1 });
    const t = await getTranslation(w.ctx, 'short', 'fr');
    expect(t.segments.map((s) => [s.source, s.state])).toEqual([
      ['Title', 'approved'],
      ['One.', 'approved'],
      ['A new list item', 'stale'],
      ['New heading', 'untranslated'],
    ]);
  });
});

/** The source with one word added to the paragraph whose segment id is given. */
function reviseParagraph(markdown: string, doc: ReturnType<typeof segmentMarkdown>, segmentId: string): string {
  const segment = doc.segments.find((s) => s.id === segmentId)!;
  const node = segment.path.split('/').slice(1).map(Number).reduce<{ children?: unknown[]; position?: { end: { offset?: number } } }>(
    (n, i) => (n.children![i] as typeof n),
    doc.tree as never,
  );
  const end = node.position!.end.offset!;
  return `${markdown.slice(0, end - 1)}${markdown[end - 1]} (revised)${markdown.slice(end)}`;
}
