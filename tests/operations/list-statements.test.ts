/** Listing statements: pages by cursor and offset, with per-locale progress. */
import { describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { getStatement, listStatements } from '../../src/operations/read-statements.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, draftAll } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('listing statements ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('pages newest first by cursor and by offset', async () => {
    const w = world();
    for (let i = 0; i < 7; i++) {
      w.at(`2026-05-01T09:0${i}:00.000Z`);
      await createStatement(w.ctx, w.publisher, { slug: `s-${i}`, sourceLocale: 'en', markdown: `# Statement ${i}\n\nText ${i}.\n` });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listStatements(w.ctx, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(7);
      seen.push(...page.statements.map((s) => s.slug));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['s-6', 's-5', 's-4', 's-3', 's-2', 's-1', 's-0']);
    expect((await listStatements(w.ctx, { limit: 2, offset: 5 })).statements.map((s) => s.slug)).toEqual(['s-1', 's-0']);
    expect((await listStatements(w.ctx, { limit: 2, offset: 5 })).statements[0]!.title).toBe('Statement 1');
    await expect(listStatements(w.ctx, { cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'input_unreadable' });
  });

  it('reports progress per locale', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'p', sourceLocale: 'en', markdown: '# Title\n\nOne.\n\nTwo.\n' });
    await approveLocale(w, 'p', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'p', locales: ['fr'] });
    await draftAll(w, 'p', 'ar');
    const [listed] = (await listStatements(w.ctx)).statements;
    expect(listed!.locales).toEqual({
      fr: { untranslated: 0, machine: 0, translated: 0, changes_requested: 0, approved: 3, stale: 0, total: 3, published: true },
      ar: { untranslated: 0, machine: 3, translated: 0, changes_requested: 0, approved: 0, stale: 0, total: 3, published: false },
    });
    expect((await getStatement(w.ctx, 'p')).locales).toEqual(listed!.locales);
  });
});
