/**
 * The published side over every storage dialect: which edition is live (publishedIndex,
 * liveEditions), an edition's content, the reader's locale, embargoes, corrections and
 * withdrawals, the statement's history, and the static export built from them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { liveEditions } from '../../src/operations/live-editions.ts';
import { publish } from '../../src/operations/publish.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { chooseLocale, editionContent, publishedIndex } from '../../src/operations/read-published.ts';
import { review } from '../../src/operations/review.ts';
import { statementHistory } from '../../src/operations/statement-history.ts';
import { exportStatic } from '../../src/operations/static-export.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, create, versionsOf } from '../support/flow.ts';
import { makeWorld, type World } from '../support/world.ts';

const liveIds = async (w: World, slug: string) => Object.fromEntries([...(await publishedIndex(w.ctx, slug)).live].map(([l, e]) => [l, e.id]));

describe.each(dialects)('published read paths ($name)', (dialect) => {
  // One story, told in order: the tests read it at its steps (the clock is set by each).
  let w: World;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const opened = await dialect.open();
    w = await makeWorld(opened.store);
    w.at('2026-05-01T09:00:00.000Z');
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    w.at('2026-05-01T10:00:00.000Z');
    const first = await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en', 'fr'] });
    ids.en = first.editions.find((e) => e.locale === 'en')!.id;
    ids.fr = first.editions.find((e) => e.locale === 'fr')!.id;
    w.at('2026-05-01T11:00:00.000Z');
    await approveLocale(w, 'seed-bank', 'ar', w.translatorAr, w.reviewerAr);
    ids.ar = (await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['ar'], embargoUntil: '2026-05-01T12:00:00.000Z' })).editions[0]!.id;
    // A correction of fr at 13:00, withdrawn at 14:00.
    w.at('2026-05-01T13:00:00.000Z');
    const fr = await getTranslation(w.ctx, 'seed-bank', 'fr');
    const seg = fr.segments[1]!;
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: seg.id, text: `${seg.text!} (corrigé)`, expectedVersion: seg.version });
    await submitLocale(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr' });
    await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve', versions: await versionsOf(w, 'seed-bank', 'fr') });
    ids.frCorrected = (await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'], correctionNote: 'A word added' })).editions[0]!.id;
    w.at('2026-05-01T13:30:00.000Z');
    await createStatement(w.ctx, w.publisher, { slug: 'second', sourceLocale: 'en', markdown: '# Second statement\n\nIts first paragraph.\n' });
    ids.second = (await publish(w.ctx, w.publisher, { slug: 'second', locales: ['en'] })).editions[0]!.id;
    await createStatement(w.ctx, w.publisher, { slug: 'unpublished', sourceLocale: 'en', markdown: '# Not yet\n' });
    return async () => {
      await opened.dispose();
    };
  });

  it('serves only what is visible: the embargoed edition from its time on', async () => {
    w.at('2026-05-01T11:59:59.999Z');
    expect(await liveIds(w, 'seed-bank')).toEqual({ en: ids.en, fr: ids.fr });
    const index = await publishedIndex(w.ctx, 'seed-bank');
    expect(index.sourceLocale).toBe('en');
    expect(chooseLocale(index, ['ar'], [])).toBe('en');
    expect(chooseLocale(index, ['fr-CA', 'en'], [])).toBe('fr');
    expect(chooseLocale(index, ['de'], ['fr'])).toBe('fr');
    w.at('2026-05-01T12:00:00.000Z');
    expect(await liveIds(w, 'seed-bank')).toEqual({ en: ids.en, fr: ids.fr, ar: ids.ar });
    expect(chooseLocale(await publishedIndex(w.ctx, 'seed-bank'), ['ar-EG'], [])).toBe('ar');
  });

  it('serves a correction in place of its edition, and the edition again once the correction is withdrawn', async () => {
    w.at('2026-05-01T13:10:00.000Z');
    expect((await liveIds(w, 'seed-bank')).fr).toBe(ids.frCorrected);
    const corrected = await editionContent(w.ctx, ids.frCorrected!);
    expect(corrected.markdown).toContain('(corrigé)');
    expect(corrected.correction).toMatchObject({ note: 'A word added' });
    expect((await editionContent(w.ctx, ids.fr!)).correction).toBeNull();
  });

  it('refuses unknown statements and editions, and a statement with nothing published', async () => {
    await expect(publishedIndex(w.ctx, 'nope')).rejects.toMatchObject({ code: 'statement_not_found' });
    await expect(editionContent(w.ctx, 'nope')).rejects.toMatchObject({ code: 'edition_not_found' });
    const none = await publishedIndex(w.ctx, 'unpublished');
    expect(none.live.size).toBe(0);
    expect(() => chooseLocale(none, ['en'], [])).toThrow(expect.objectContaining({ code: 'edition_not_found' }));
  });

  it('lists every live edition newest first, by locale and limited, with its statement’s live locales', async () => {
    w.at('2026-05-01T13:45:00.000Z');
    const all = await liveEditions(w.ctx);
    expect(all.map((e) => [e.slug, e.locale, e.id])).toEqual([
      ['second', 'en', ids.second],
      ['seed-bank', 'fr', ids.frCorrected],
      ['seed-bank', 'ar', ids.ar],
      ['seed-bank', 'en', ids.en],
    ]);
    expect(all[1]).toMatchObject({ locales: ['ar', 'en', 'fr'], sourceRevision: 1, correction: expect.objectContaining({ note: 'A word added' }) });
    expect(all[3]).toMatchObject({ title: 'Seed bank opens in Qasr Naba', summary: expect.stringContaining('opened its third depot'), locales: ['ar', 'en', 'fr'] });
    expect(all[0]).toMatchObject({ title: 'Second statement', summary: 'Its first paragraph.', locales: ['en'] });
    expect((await liveEditions(w.ctx, { locale: 'ar' })).map((e) => e.id)).toEqual([ids.ar]);
    expect((await liveEditions(w.ctx, { limit: 2 })).map((e) => e.id)).toEqual([ids.second, ids.frCorrected]);
  });

  it('keeps the history: every revision and edition in order, withdrawals marked', async () => {
    w.at('2026-05-01T14:00:00.000Z');
    await withdrawEdition(w.ctx, w.publisher, { slug: 'seed-bank', editionId: ids.frCorrected!, reason: 'Premature' });
    expect((await liveIds(w, 'seed-bank')).fr).toBe(ids.fr);
    const history = await statementHistory(w.ctx, 'seed-bank');
    expect(history.revisions.map((r) => [r.number, r.title, r.createdBy])).toEqual([[1, 'Seed bank opens', 'Pia Publisher']]);
    expect(history.editions.map((e) => [e.locale, e.id, e.withdrawnAt])).toEqual([
      ['en', ids.en, null],
      ['fr', ids.fr, null],
      ['ar', ids.ar, null],
      ['fr', ids.frCorrected, '2026-05-01T14:00:00.000Z'],
    ]);
    expect(history.editions[2]).toMatchObject({ publishedAt: '2026-05-01T11:00:00.000Z', visibleFrom: '2026-05-01T12:00:00.000Z', publishedBy: 'Pia Publisher' });
    await expect(statementHistory(w.ctx, 'nope')).rejects.toMatchObject({ code: 'statement_not_found' });
  });

  it('exports exactly the live editions', async () => {
    w.at('2026-05-01T14:30:00.000Z');
    const parent = mkdtempSync(join(tmpdir(), 'editions-export-'));
    try {
      const dir = join(parent, 'site');
      const result = await exportStatic(w.ctx, dir, 'https://editions.example.org/');
      expect(result).toMatchObject({ editions: 4, locales: ['ar', 'en', 'fr'] });
      expect(readdirSync(join(dir, 'seed-bank')).sort()).toEqual(['ar.html', 'ar.json', 'ar.md', 'en.html', 'en.json', 'en.md', 'fr.html', 'fr.json', 'fr.md']);
      // The withdrawn correction is not exported: its edition is.
      expect(readFileSync(join(dir, 'seed-bank', 'fr.md'), 'utf8')).toBe((await editionContent(w.ctx, ids.fr!)).markdown);
      expect(JSON.parse(readFileSync(join(dir, 'seed-bank', 'fr.json'), 'utf8')).edition.id).toBe(ids.fr);
      const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { editions: { slug: string; locale: string }[] };
      expect(index.editions.map((e) => `${e.slug}/${e.locale}`)).toEqual(['second/en', 'seed-bank/ar', 'seed-bank/en', 'seed-bank/fr']);
      expect(readFileSync(join(dir, 'sitemap.xml'), 'utf8')).toContain('https://editions.example.org/seed-bank/ar.html');
      expect(readdirSync(join(dir, 'feeds')).sort()).toEqual(['ar.atom', 'ar.rss', 'en.atom', 'en.rss', 'fr.atom', 'fr.rss']);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
