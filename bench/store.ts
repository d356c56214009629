/**
 * The store at scale, on SQLite and on PostgreSQL: N statements × 13 locales, each with a
 * published edition. Prints the time to fetch one published edition and to list a page of
 * statements (with per-locale progress) at 10,000 statements as a ratio to the same at 100,
 * measured in the same run. Goal (issues "Statements, revisions, translations and editions"
 * and 15): ≤ 1.2× on both databases.
 *
 * PostgreSQL: two fresh schemas in the server of EDITIONS_TEST_POSTGRES_URL (by default
 * postgres://editions:editions@127.0.0.1:5432/editions_test), dropped at the end; skipped,
 * saying so, when no server answers there.
 *
 * Seeding writes rows directly (the operations would take hours for 130,000 reviewed
 * editions): multi-row inserts as big as each database allows, and copies made by the database
 * itself (seed()); the reads go through the operations.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import pg from 'pg';
import { defaultTranslatableKeys } from '../src/markdown/frontmatter.ts';
import { segmentMarkdown } from '../src/markdown/index.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { encodeCursor, listStatements, liveEdition } from '../src/operations/read-statements.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { Schema } from '../src/store/schema.ts';
import type { Store } from '../src/store/store.ts';
import { median } from './measure.ts';

export const locales = ['ar', 'fa', 'fr', 'es', 'ur', 'id', 'tr', 'ms', 'de', 'pt-BR', 'zh-Hant', 'ru', 'sw'];

function statementText(i: number): string {
  return `---\ntitle: Statement ${i}\n---\n\n# Statement number ${i}\n\nThe network opened depot ${i} on 3 April 2026.\n\n- It holds **${i * 7}** samples.\n- Read [the report](https://example.org/r/${i}).\n\nA closing paragraph for statement ${i}.\n`;
}

/** Bound parameters one statement may carry: SQLite 32,766, PostgreSQL 65,535 (with room to spare). */
const parameterLimit = { sqlite: 32_000, postgres: 65_000 } as const;

/**
 * Seeds `count` statements. Each statement's source revision and its first locale's translation
 * are sent in multi-row inserts; the other locales' translations, segments and every edition
 * are copied from them by the database itself (INSERT … SELECT, portable SQL): the same rows,
 * without sending 140,000 editions' trees over the connection.
 */
export async function seed(store: Store, count: number): Promise<string[]> {
  const slugs: string[] = [];
  const at = '2026-05-01T09:00:00.000Z';
  const [first, ...others] = locales as [string, ...string[]];
  const localeList = (list: readonly string[]) => sql.join(list.map((l) => sql`(${l})`));
  // Statements per transaction.
  const batch = 1000;
  const chunks = <T extends object>(rows: T[]) => {
    const size = Math.max(1, Math.floor(parameterLimit[store.dialect] / Math.max(1, Object.keys(rows[0] ?? {}).length)));
    return Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));
  };
  for (let start = 0; start < count; start += batch) {
    const statements: Insertable<Schema['statements']>[] = [];
    const revisions: Insertable<Schema['source_revisions']>[] = [];
    const translations: Insertable<Schema['translations']>[] = [];
    const segments: Insertable<Schema['translation_segments']>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const slug = `statement-${i}`;
      slugs.push(slug);
      const id = randomUUID();
      const markdown = statementText(i);
      const doc = segmentMarkdown(markdown);
      const created = new Date(Date.parse(at) + i * 1000).toISOString();
      statements.push({ id, slug, source_locale: 'en', collection: null, current_revision: 1, created_by: null, created_at: created, updated_at: created });
      revisions.push({ id: randomUUID(), statement_id: id, number: 1, markdown, mdast: JSON.stringify(doc.tree), segments: JSON.stringify(doc.segments.map(({ id: sid, kind, path, text, placeholders }) => ({ id: sid, kind, path, text, placeholders }))), content_hash: 'x', title: `Statement ${i}`, created_by: null, created_at: created });
      const tid = `${id}/${first}`;
      translations.push({ id: tid, statement_id: id, locale: first, submitted_revision: 1, submitted_by: null, submitted_at: created, created_at: created });
      doc.segments.forEach((s, position) =>
        segments.push({ translation_id: tid, revision: 1, segment_id: s.id, position, state: 'approved', text: s.text, machine_text: s.text, machine_provenance: null, last_editor: null, version: 3, updated_by: null, updated_at: created }),
      );
    }
    const ids = sql.join(statements.map((s) => sql`${s.id}`));
    await store.transaction(async (trx) => {
      for (const c of chunks(statements)) await trx.insertInto('statements').values(c).execute();
      for (const c of chunks(revisions)) await trx.insertInto('source_revisions').values(c).execute();
      for (const c of chunks(translations)) await trx.insertInto('translations').values(c).execute();
      for (const c of chunks(segments)) await trx.insertInto('translation_segments').values(c).execute();
      await sql`with l(locale) as (values ${localeList(others)})
        insert into translations (id, statement_id, locale, submitted_revision, submitted_by, submitted_at, created_at)
        select t.statement_id || '/' || l.locale, t.statement_id, l.locale, t.submitted_revision, t.submitted_by, t.submitted_at, t.created_at
        from translations t cross join l where t.locale = ${first} and t.statement_id in (${ids})`.execute(trx);
      await sql`with l(locale) as (values ${localeList(others)})
        insert into translation_segments (translation_id, revision, segment_id, position, state, text, machine_text, machine_provenance, last_editor, version, updated_by, updated_at)
        select t.statement_id || '/' || l.locale, ts.revision, ts.segment_id, ts.position, ts.state, ts.text, ts.machine_text, ts.machine_provenance, ts.last_editor, ts.version, ts.updated_by, ts.updated_at
        from translation_segments ts join translations t on t.id = ts.translation_id cross join l where t.locale = ${first} and t.statement_id in (${ids})`.execute(trx);
      await sql`with l(locale) as (values ${localeList(locales)})
        insert into editions (id, statement_id, locale, source_revision, markdown, mdast, hash, approvals, provenance, supersedes, embargo_until, published_at, visible_from, published_by, correction)
        select s.id || '/' || l.locale, s.id, l.locale, r.number, r.markdown, r.mdast, 'h', '[]', '{}', null, null, s.created_at, s.created_at, null, null
        from statements s join source_revisions r on r.statement_id = s.id and r.number = s.current_revision cross join l where s.id in (${ids})`.execute(trx);
    });
  }
  // Fresh statistics, as PostgreSQL's autovacuum keeps them in service.
  if (store.dialect === 'postgres') await sql`analyze`.execute(store.db);
  return slugs;
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Where the PostgreSQL bench runs: the test server (tests/support/postgres.ts names the same default). */
const postgresUrl = process.env.EDITIONS_TEST_POSTGRES_URL ?? 'postgres://editions:editions@127.0.0.1:5432/editions_test';

async function postgresAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

interface BenchDatabase {
  name: string;
  /** A fresh empty store for `size` statements, and how to remove it. */
  open(size: number): Promise<{ store: Store; dispose(): Promise<void> }>;
}

function sqliteDatabase(dir: string): BenchDatabase {
  return {
    name: 'SQLite',
    async open(size) {
      const store = await openSqliteStore(join(dir, `${size}.db`));
      return { store, dispose: () => store.close() };
    },
  };
}

const postgresDatabase: BenchDatabase = {
  name: 'PostgreSQL',
  async open() {
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    await postgresAdmin(`create schema ${schema}`);
    const store = await openPostgresStore(postgresUrl, { schema, poolSize: 4 }).catch(async (error: unknown) => {
      await postgresAdmin(`drop schema if exists ${schema} cascade`);
      throw error;
    });
    return {
      store,
      async dispose() {
        await store.close();
        await postgresAdmin(`drop schema if exists ${schema} cascade`);
      },
    };
  },
};

async function benchOne(database: BenchDatabase, large: number, small: number): Promise<void> {
  const worlds = [];
  try {
    for (const size of [small, large]) {
      const opened = await database.open(size);
      worlds.push({ size, ...opened, slugs: [] as string[], ctx: undefined as unknown as OperationContext, seedMs: 0 });
      const w = worlds[worlds.length - 1]!;
      const t0 = performance.now();
      w.slugs = await seed(w.store, size);
      w.seedMs = performance.now() - t0;
      w.ctx = { store: w.store, now: () => new Date('2026-06-01T00:00:00Z'), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 };
    }
    const results = [];
    // Two rounds, interleaved; the second is reported (the first warms caches and the JIT).
    for (let round = 0; round < 2; round++) {
      results.length = 0;
      for (const w of worlds) {
        const fetchMs = await timeEach(2000, (i) => liveEdition(w.ctx, w.slugs[(i * 7919) % w.slugs.length]!, locales[i % locales.length]!));
        const firstPageMs = await timeEach(200, () => listStatements(w.ctx, { limit: 20 }));
        const midPageMs = await timeEach(200, () => listStatements(w.ctx, { limit: 20, offset: Math.floor(w.size / 2) }));
        const middleRow = await w.store.db.selectFrom('statements').select(['created_at', 'id']).orderBy('created_at', 'desc').orderBy('id', 'desc').offset(Math.floor(w.size / 2)).limit(1).executeTakeFirstOrThrow();
        const middle = encodeCursor(middleRow);
        const cursorPageMs = await timeEach(200, () => listStatements(w.ctx, { limit: 20, cursor: middle }));
        results.push({ ...w, fetchMs, firstPageMs, midPageMs, cursorPageMs });
      }
    }
    const [s, l] = results as [(typeof results)[number], (typeof results)[number]];
    console.log(`\n## Store: ${large} vs ${small} statements × ${locales.length} locales, every locale published (${database.name})`);
    console.log(`seeding: ${(s.seedMs / 1000).toFixed(1)} s and ${(l.seedMs / 1000).toFixed(1)} s`);
    const row = (name: string, a: number, b: number) => console.log(`${name.padEnd(50)} ${a.toFixed(3).padStart(8)} ms ${b.toFixed(3).padStart(8)} ms  ${(b / a).toFixed(2)}×`);
    console.log(`${''.padEnd(50)} ${String(small).padStart(8)}    ${String(large).padStart(8)}`);
    row('fetch one published edition (median)', s.fetchMs, l.fetchMs);
    row('list first page of 20, with progress (median)', s.firstPageMs, l.firstPageMs);
    row('list a middle page of 20 (cursor), with progress', s.cursorPageMs, l.cursorPageMs);
    row('list a middle page of 20 (offset), with progress', s.midPageMs, l.midPageMs);
  } finally {
    for (const w of worlds) await w.dispose();
  }
}

async function postgresReachable(): Promise<boolean> {
  try {
    await postgresAdmin('select 1');
    return true;
  } catch {
    return false;
  }
}

export async function benchStore(large = 10_000, small = 100): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'editions-bench-'));
  try {
    await benchOne(sqliteDatabase(dir), large, small);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (await postgresReachable()) await benchOne(postgresDatabase, large, small);
  else console.log(`\n## Store (PostgreSQL): skipped, no server at ${new URL(postgresUrl).host} (EDITIONS_TEST_POSTGRES_URL; to run it: apt-get install -y postgresql && .ci/postgres)`);
}
