/** The embedded store: created on first open, migrated, WAL, and a failed operation writes nothing. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { describe, expect, it } from 'vitest';
import { defaultTranslatableKeys } from '../../src/markdown/frontmatter.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { bootstrapAdmin, authenticate } from '../../src/operations/users.ts';
import { openStore } from '../../src/store/open-store.ts';

describe('SQLite store', () => {
  it('creates the database file and its folder on first open, in WAL mode, and opens it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editions-sqlite-'));
    const path = join(dir, 'nested', 'editions.db');
    try {
      const store = await openStore(path);
      expect(existsSync(path)).toBe(true);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(mode.rows[0]!.journal_mode).toBe('wal');
      const ctx = { store, now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 };
      const first = await bootstrapAdmin(ctx, undefined);
      expect(first?.generated).toBe(true);
      await store.close();

      const again = await openStore(path);
      const ctx2 = { ...ctx, store: again };
      expect(await bootstrapAdmin(ctx2, undefined)).toBeNull();
      const admin = await authenticate(ctx2, first!.token);
      expect(admin.roles).toEqual([{ role: 'admin', locale: '*' }]);
      const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db);
      // Every migration the code has, each applied once (src/store/migrations/index.ts).
      expect(migrations.rows.map((r) => r.name)).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());

      // A failed operation writes nothing: the duplicate slug is refused inside the transaction.
      await createStatement(ctx2, admin, { slug: 'one', sourceLocale: 'en', markdown: '# One\n' });
      await expect(createStatement(ctx2, admin, { slug: 'one', sourceLocale: 'en', markdown: '# Two\n' })).rejects.toMatchObject({ code: 'statement_exists' });
      const revisions = await again.db.selectFrom('source_revisions').select('markdown').execute();
      expect(revisions).toEqual([{ markdown: '# One\n' }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('four stores opening one new file at once migrate it once, and all open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'editions-sqlite-'));
    const path = join(dir, 'editions.db');
    try {
      const stores = await Promise.all([openStore(path), openStore(path), openStore(path), openStore(path)]);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(stores[0]!.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
      for (const store of stores) await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
