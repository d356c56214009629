/**
 * The store at scale: N statements × 13 locales, each with a published edition. Prints the
 * time to fetch one published edition and to list a page of statements (with per-locale
 * progress) at 10,000 statements as a ratio to the same at 100, measured in the same run.
 * Goal (issue "Statements, revisions, translations and editions"): ≤ 1.2×.
 *
 * Seeding writes rows directly (the operations would take hours for 130,000 reviewed
 * editions); the reads go through the operations.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultTranslatableKeys } from '../src/markdown/frontmatter.ts';
import { segmentMarkdown } from '../src/markdown/index.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { encodeCursor, listStatements, liveEdition } from '../src/operations/read-statements.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { TranslationSegmentsTable } from '../src/store/schema.ts';
import type { Store } from '../src/store/store.ts';
import { median } from './measure.ts';

const locales = ['ar', 'fa', 'fr', 'es', 'ur', 'id', 'tr', 'ms', 'de', 'pt-BR', 'zh-Hant', 'ru', 'sw'];

function statementText(i: number): string {
  return `---\ntitle: Statement ${i}\n---\n\n# Statement number ${i}\n\nThe network opened depot ${i} on 3 April 2026.\n\n- It holds **${i * 7}** samples.\n- Read [the report](https://example.org/r/${i}).\n\nA closing paragraph for statement ${i}.\n`;
}

async function seed(store: Store, count: number): Promise<string[]> {
  const slugs: string[] = [];
  const at = '2026-05-01T09:00:00.000Z';
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    await store.transaction(async (trx) => {
      const statements = [];
      const revisions = [];
      const translations = [];
      const segments: TranslationSegmentsTable[] = [];
      const editions = [];
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const slug = `statement-${i}`;
        slugs.push(slug);
        const id = randomUUID();
        const markdown = statementText(i);
        const doc = segmentMarkdown(markdown);
        const created = new Date(Date.parse(at) + i * 1000).toISOString();
        statements.push({ id, slug, source_locale: 'en', collection: null, current_revision: 1, created_by: null, created_at: created, updated_at: created });
        revisions.push({ id: randomUUID(), statement_id: id, number: 1, markdown, mdast: JSON.stringify(doc.tree), segments: JSON.stringify(doc.segments.map(({ id: sid, kind, path, text, placeholders }) => ({ id: sid, kind, path, text, placeholders }))), content_hash: 'x', title: `Statement ${i}`, created_by: null, created_at: created });
        for (const locale of locales) {
          const tid = randomUUID();
          translations.push({ id: tid, statement_id: id, locale, submitted_revision: 1, submitted_by: null, submitted_at: created, created_at: created });
          doc.segments.forEach((s, position) =>
            segments.push({ translation_id: tid, revision: 1, segment_id: s.id, position, state: 'approved', text: s.text, machine_text: s.text, machine_provenance: null, last_editor: null, version: 3, updated_by: null, updated_at: created }),
          );
          editions.push({ id: randomUUID(), statement_id: id, locale, source_revision: 1, markdown, mdast: JSON.stringify(doc.tree), hash: 'h', approvals: '[]', provenance: '{}', supersedes: null, embargo_until: null, published_at: created, visible_from: created, published_by: null });
        }
      }
      const chunks = <T>(rows: T[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));
      for (const c of chunks(statements, 500)) await trx.insertInto('statements').values(c).execute();
      for (const c of chunks(revisions, 500)) await trx.insertInto('source_revisions').values(c).execute();
      for (const c of chunks(translations, 500)) await trx.insertInto('translations').values(c).execute();
      for (const c of chunks(segments, 500)) await trx.insertInto('translation_segments').values(c).execute();
      for (const c of chunks(editions, 500)) await trx.insertInto('editions').values(c).execute();
    });
  }
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

export async function benchStore(large = 10_000, small = 100): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'editions-bench-'));
  try {
    const sizes = [small, large];
    const worlds = [];
    for (const size of sizes) {
      const store = await openSqliteStore(join(dir, `${size}.db`));
      const t0 = performance.now();
      const slugs = await seed(store, size);
      const ctx: OperationContext = { store, now: () => new Date('2026-06-01T00:00:00Z'), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 };
      worlds.push({ size, store, slugs, ctx, seedMs: performance.now() - t0 });
    }
    const results = [];
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
    console.log(`\n## Store: ${large} vs ${small} statements × ${locales.length} locales, every locale published (SQLite)`);
    console.log(`seeding: ${(s.seedMs / 1000).toFixed(1)} s and ${(l.seedMs / 1000).toFixed(1)} s`);
    const row = (name: string, a: number, b: number) => console.log(`${name.padEnd(46)} ${a.toFixed(3).padStart(8)} ms ${b.toFixed(3).padStart(8)} ms  ${(b / a).toFixed(2)}×`);
    console.log(`${''.padEnd(46)} ${String(small).padStart(8)}    ${String(large).padStart(8)}`);
    row('fetch one published edition (median)', s.fetchMs, l.fetchMs);
    row('list first page of 20, with progress (median)', s.firstPageMs, l.firstPageMs);
    row('list a middle page of 20 (cursor), with progress', s.cursorPageMs, l.cursorPageMs);
    row('list a middle page of 20 (offset), with progress', s.midPageMs, l.midPageMs);
    for (const w of worlds) await w.store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
