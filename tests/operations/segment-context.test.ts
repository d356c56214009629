/** Segment context (issue 16), on both databases: kind and place, twins, segments that copy themselves. */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { copiesItself } from '../../src/markdown/copies-itself.ts';
import { startTranslation } from '../../src/operations/start-translation.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

const markdown = `---
title: Clean water
---

# Clean water

We dug wells.

## Numbers

| Village | Wells |
| --- | --- |
| Naba | 12 |

- Boil the water.
- Keep it covered.

Call \`+1 555 0100\`.

2026-04-03, 14:00
`;

describe('copiesItself', () => {
  it('is true of numbers, codes and placeholders only, false of any word', () => {
    expect(['12', '12,500', '3.2 %', '2026-04-03', '<x1/>', '<g1>12</g1>', '+1 (555) 0100'].map(copiesItself)).toEqual([true, true, true, true, true, true, true]);
    expect(['', ' ', 'Naba', '12 wells', 'Call <x1/>.', '١٢ بئرا'].map(copiesItself)).toEqual([false, false, false, false, false, false]);
  });
});

describe.each(dialects)('segment context ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('says what each segment is and where it stands, links identical texts, fills number-only ones', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'water', sourceLocale: 'en', markdown });
    await startTranslation(w.ctx, w.translatorFr, { slug: 'water', locale: 'fr' });
    const t = await getTranslation(w.ctx, 'water', 'fr');
    const bySource = new Map(t.segments.map((s) => [`${s.context.kind}:${s.source}`, s]));
    const title = bySource.get('frontmatter:Clean water')!;
    const h1 = bySource.get('heading:Clean water')!;
    expect(title.context).toMatchObject({ kind: 'frontmatter', key: 'title', n: 1, of: 1 });
    expect(h1.context).toMatchObject({ kind: 'heading', n: 1, of: 2 });
    expect(bySource.get('heading:Numbers')!.context).toMatchObject({ kind: 'heading', n: 2, of: 2 });
    expect(title.context.twins.map((x) => x.id)).toEqual([h1.id]);
    expect(h1.context.twins.map((x) => x.id)).toEqual([title.id]);
    expect(bySource.get('paragraph:We dug wells.')!.context.twins).toEqual([]);
    expect(bySource.get('tableCell:Wells')!.context).toMatchObject({ kind: 'tableCell', of: 4 });
    // A list's items are labelled as such (from the source tree), not as paragraphs.
    expect(bySource.get('listItem:Boil the water.')!.context).toMatchObject({ kind: 'listItem', n: 1, of: 2 });
    expect(bySource.get('listItem:Keep it covered.')!.context).toMatchObject({ kind: 'listItem', n: 2, of: 2 });
    expect(bySource.get('paragraph:We dug wells.')!.context).toMatchObject({ kind: 'paragraph', n: 1 });

    // "12" and the date-only paragraph need no translation: translated, the source's text, nobody's.
    const filled = t.segments.filter((s) => s.state === 'translated');
    expect(filled.map((s) => s.text).sort()).toEqual(['12', '2026-04-03, 14:00']);
    expect(filled.every((s) => s.text === s.source && s.lastEditor === null && s.machine === null)).toBe(true);
    expect(t.segments.filter((s) => s.state === 'untranslated').length).toBe(t.segments.length - 2);

    // Anyone but an author may approve them (nobody wrote them), and they do not block approval.
    const cell = filled.find((s) => s.text === '12')!;
    await review(w.ctx, w.reviewerFr, { slug: 'water', locale: 'fr', decision: 'approve', segments: [cell.id], versions: { [cell.id]: cell.version } });
    expect((await getTranslation(w.ctx, 'water', 'fr', { segmentIds: [cell.id] })).segments[0]!.state).toBe('approved');

    // The answer to a save lists the twins: the page offers the same text for them.
    await editSegment(w.ctx, w.translatorFr, { slug: 'water', locale: 'fr', segmentId: h1.id, text: 'De l’eau potable', expectedVersion: h1.version });
    const saved = (await getTranslation(w.ctx, 'water', 'fr', { segmentIds: [h1.id] })).segments[0]!;
    expect(saved.context.twins).toEqual([{ id: title.id, n: 1 }]);
  });
});
