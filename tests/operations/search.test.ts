/** Searching statements by title or slug: Unicode case folding, the same on SQLite and PostgreSQL. */
import type { KyselyPlugin } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getStatement } from '../../src/operations/read-statements.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { searchStatements } from '../../src/operations/search-statements.ts';
import { foldForSearch } from '../../src/search-text.ts';
import { migrate, migrateDownTo, pendingMigrations } from '../../src/store/migrate.ts';
import { dialects } from '../support/dialects.ts';
import { draftAll } from '../support/flow.ts';
import { makeWorld, useWorld, type World } from '../support/world.ts';

// Slugs share no word with the titles, so a title match is not a slug match.
const titles: Record<string, string> = {
  school: 'École de la paix rouverte',
  summit: 'İstanbul hosts the regional meeting',
  rally: 'Rally in istanbul',
  'road-a': 'Die Straße bleibt offen',
  'road-b': 'STRASSE DES FRIEDENS',
  water: 'بيان صحفي عن المياه',
  children: 'بیانیه درباره کودکان',
  aid: 'Aid rises 50% in a year',
  homer: 'ΟΔΥΣΣΕΥΣ returns',
  money: 'The ﬁnance report',
};

async function seed(w: World) {
  let minute = 10;
  for (const [slug, title] of Object.entries(titles)) {
    w.at(`2026-05-01T09:${minute++}:00.000Z`);
    await createStatement(w.ctx, w.publisher, { slug, sourceLocale: 'en', markdown: `# ${title}\n\nBody of ${slug}.\n` });
  }
}

const found = async (w: World, query: string) => (await searchStatements(w.ctx, query)).map((s) => s.slug).sort();

describe('folding for search', () => {
  it('folds case in every script, keeps accents and Arabic letters', () => {
    expect(foldForSearch('ÉCOLE')).toBe('école');
    expect(foldForSearch('İstanbul')).toBe('istanbul');
    expect(foldForSearch('ISTANBUL')).toBe('istanbul');
    expect(foldForSearch('ıstanbul')).toBe('istanbul');
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('STRAẞE')).toBe('strasse');
    expect(foldForSearch('ΟΔΥΣΣΕΥΣ')).toBe(foldForSearch('οδυσσευς'));
    expect(foldForSearch('ﬁnance  ＲＥＰＯＲＴ')).toBe('finance report');
    expect(foldForSearch('بيان صحفي')).toBe('بيان صحفي');
    expect(foldForSearch('بیانیه کودکان')).toBe('بیانیه کودکان');
    expect(foldForSearch('ecole')).not.toBe(foldForSearch('école'));
  });
});

describe.each(dialects)('searching statements ($name)', (dialect) => {
  // One store for the read-only cases.
  let shared: World;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const opened = await dialect.open();
    dispose = opened.dispose;
    shared = await makeWorld(opened.store);
    await seed(shared);
    return () => dispose();
  });

  it.each([
    ['ÉCOLE', ['school']],
    ['école', ['school']],
    ['ecole', []], // accents count
    ['SCHOOL', ['school']], // the slug
    ['İSTANBUL', ['rally', 'summit']],
    ['istanbul', ['rally', 'summit']],
    ['ıstanbul', ['rally', 'summit']],
    ['Istanbul hosts', ['summit']],
    ['strasse', ['road-a', 'road-b']],
    ['STRAßE', ['road-a', 'road-b']],
    ['straße des', ['road-b']],
    ['بيان', ['water']],
    ['بیانیه', ['children']],
    ['ك', []], // Arabic kaf is not Persian keheh: letters are not merged
    ['οδυσσευς', ['homer']],
    ['FINANCE', ['money']],
    ['50%', ['aid']],
    ['5_%', []],
    ['%', ['aid']],
    ['_', []],
    ['  PAIX   ROUVERTE ', ['school']],
  ])('%s', async (query, expected) => {
    expect(await found(shared, query)).toEqual([...expected].sort());
  });

  it('lists newest first, with each statement as the listing shows it', async () => {
    const all = await searchStatements(shared.ctx, 'istanbul');
    expect(all.map((s) => s.slug)).toEqual(['rally', 'summit']);
    const statement = await getStatement(shared.ctx, 'summit');
    expect(all[1]).toEqual({
      slug: 'summit',
      title: titles.summit,
      sourceLocale: 'en',
      revision: 1,
      createdAt: statement.createdAt,
      updatedAt: statement.updatedAt,
      locales: statement.locales,
    });
  });
});

describe.each(dialects)('searching statements, with writes ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('reads progress in one batch, not statement by statement', async () => {
    const w = world();
    for (let i = 0; i < 6; i++) {
      w.at(`2026-05-01T09:0${i}:00.000Z`);
      await createStatement(w.ctx, w.publisher, { slug: `report-${i}`, sourceLocale: 'en', markdown: `# Report ${i}\n\nOne.\n` });
      await draftAll(w, `report-${i}`, 'fr');
    }
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const ctx = { ...w.ctx, store: { ...w.ctx.store, db: w.ctx.store.db.withPlugin(counter) } };
    const results = await searchStatements(ctx, 'REPORT');
    expect(results).toHaveLength(6);
    expect(results[0]!.locales.fr).toMatchObject({ machine: 2, total: 2, published: false });
    expect(queries).toBeLessThanOrEqual(3);
  });

  it('follows the current revision’s title', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'water', sourceLocale: 'en', markdown: '# Old Title\n\nText.\n' });
    await reviseSource(w.ctx, w.publisher, { slug: 'water', markdown: '# Nouvel ÉTÉ\n\nText.\n', expectedRevision: 1 });
    expect(await found(w, 'old title')).toEqual([]);
    expect(await found(w, 'nouvel été')).toEqual(['water']);
  });

  it('fills in the folded titles of revisions stored before it existed (migration 0007)', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'old', sourceLocale: 'en', markdown: '# ÉCOLE ouverte\n\nText.\n' });
    // The database as it was before the migration: 0007 and every later migration undone.
    await migrateDownTo(w.ctx.store.db, '0006-draft-job-leases');
    expect(await pendingMigrations(w.ctx.store.db)).toContain('0007-search-text');
    await migrate(w.ctx.store.db);
    expect(await found(w, 'école')).toEqual(['old']);
  });
});
