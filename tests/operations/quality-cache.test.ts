/**
 * Reading a page of a translation again is served from the process's quality cache (no
 * document work: the quality tasks given to ctx.documents are counted), and a change of
 * anything the findings depend on — a segment's text, a glossary term, a locale's link
 * targets, an override — shows in the next read. The changes are made through a second
 * store on the same database file (another process, as far as the cache can tell): the
 * cache is right because every part of its keys is read from the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultDocumentSettings, DocumentWorkers, type DocumentRunner } from '../../src/documents/workers.ts';
import type { DocumentTaskInput, DocumentTaskName } from '../../src/documents/tasks.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { addGlossaryTerm } from '../../src/operations/glossary.ts';
import { importTexts } from '../../src/operations/import-translation.ts';
import { setLinkTargets } from '../../src/operations/link-targets.ts';
import { overrideFinding } from '../../src/operations/quality.ts';
import { recordMachineDrafts } from '../../src/operations/record-machine-drafts.ts';
import { QualityCache } from '../../src/operations/quality-cache.ts';
import { getStatement, getTranslation } from '../../src/operations/read-statements.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { makeWorld, type World } from '../support/world.ts';

const slug = 'partners';
const source = `# Partners meet in Tarsin

Over 40 groups signed the appeal.

Read [the appeal](https://partner.example/appeal) ![the logo](https://partner.example/logo.png).

The meeting ends on Friday.
`;
/** Title, paragraph, link and image, the image's text, last paragraph: pages of two. */
const texts = [
  'Les partenaires se réunissent à Tarsine',
  // "Over 40" became "Plus de quarante": the number is missing (fatal).
  'Plus de quarante groupes ont signé l’appel.',
  'Lisez <g id="1">l’appel</g> <x id="2"/>.',
  'le logo',
  'La réunion finit vendredi.',
];
/** A link target that a link may have but an image may not: the edition's image would vanish (links.unsafe, fatal, edition-wide). */
const logoTarget = { 'https://partner.example/logo.png': 'mailto:press@partner.example' };

let pool: DocumentWorkers;
/** The quality tasks the reading process gave its document workers. */
let tasks: { edition: boolean; segments: number }[];
let dir: string;
let reader: Store;
let writerStore: Store;
let w: World;
/** The same database, through another store and another cache: writes from "another process". */
let writer: OperationContext;
let ids: string[];

const counting: DocumentRunner = {
  run: <N extends DocumentTaskName>(name: N, input: DocumentTaskInput<N>) => {
    if (name === 'quality') {
      const q = input as DocumentTaskInput<'quality'>;
      tasks.push({ edition: q.edition, segments: q.revision.segmentList.length });
    }
    return pool.run(name, input);
  },
};

beforeAll(() => {
  pool = new DocumentWorkers({ ...defaultDocumentSettings, workers: 1 });
});
afterAll(async () => {
  await pool.close();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-quality-cache-'));
  reader = await openSqliteStore(join(dir, 'editions.db'));
  w = await makeWorld(reader);
  w.ctx.documents = counting;
  w.ctx.qualityCache = new QualityCache();
  writerStore = await openSqliteStore(join(dir, 'editions.db'));
  writer = { ...w.ctx, store: writerStore, documents: pool, qualityCache: new QualityCache() };
  await createStatement(writer, w.publisher, { slug, sourceLocale: 'en', markdown: source });
  ids = (await getStatement(writer, slug)).segments.map((s) => s.id);
  expect(ids).toHaveLength(texts.length);
  await importTexts(writer, w.translatorFr, { slug, locale: 'fr', texts: new Map(ids.map((id, i) => [id, texts[i]!])) });
  tasks = [];
});
afterEach(async () => {
  await reader.close();
  await writerStore.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = (n: 1 | 2) => getTranslation(w.ctx, slug, 'fr', { limit: 2, offset: (n - 1) * 2 });

/** Reads page 1 twice: the second read does no document work and answers the same. */
async function readTwice() {
  const first = await page(1);
  const before = tasks.length;
  const again = await page(1);
  expect(tasks.length, 'an unchanged read does no document work').toBe(before);
  expect(again.findings).toEqual(first.findings);
  expect(again.segments.map((s) => s.findings)).toEqual(first.segments.map((s) => s.findings));
  return first;
}

const keys = (findings: readonly { rule: string; key: string; args: Record<string, unknown>; overridden?: unknown }[]) =>
  findings.map((f) => ({ rule: f.rule, key: f.key, url: f.args.url, overridden: f.overridden !== undefined }));

describe('the quality cache', () => {
  it('serves an unchanged page from memory: one whole-document run, then only the segments of a new page', async () => {
    const cache = w.ctx.qualityCache!;
    const first = await page(1);
    expect(tasks).toEqual([{ edition: true, segments: 2 }]);
    expect(keys(first.segments[1]!.findings)).toContainEqual({ rule: 'numbers', key: 'numbers.missing', url: undefined, overridden: false });

    const hits = cache.stats.hits;
    expect(await page(1)).toEqual(first);
    expect(tasks).toHaveLength(1);
    expect(cache.stats.hits).toBeGreaterThan(hits);

    // Another page: the edition findings are known; its segments alone are judged.
    const second = await page(2);
    expect(tasks).toEqual([{ edition: true, segments: 2 }, { edition: false, segments: 2 }]);
    expect(second.findings).toEqual(first.findings);
    expect(second.segments.map((s) => s.id)).toEqual(ids.slice(2, 4));
    expect(await page(2)).toEqual(second);
    expect(await page(1)).toEqual(first);
    expect(tasks).toHaveLength(2);
  });

  it('a segment edit changes the next read’s findings, the segment’s and the edition’s', async () => {
    // Every text exactly as the machine wrote it: the edition's share of machine text is fatal.
    const at = w.ctx.now().toISOString();
    await recordMachineDrafts(writer, null, { slug, locale: 'fr', drafts: ids.map((id, i) => ({ segmentId: id, text: texts[i]!, provenance: { engine: 'pseudo', model: 'pseudo-fr', at, development: true } })) });
    const first = await readTwice();
    expect(keys(first.findings)).toEqual([{ rule: 'machine-share', key: 'machine-share.excessive', url: undefined, overridden: false }]);
    const para = first.segments[1]!;
    await editSegment(writer, w.translatorFr, { slug, locale: 'fr', segmentId: para.id, text: 'Plus de 40 groupes ont signé l’appel.', expectedVersion: para.version });
    const before = tasks.length;
    const after = await page(1);
    expect(tasks.length).toBeGreaterThan(before);
    expect(keys(after.segments[1]!.findings).map((f) => f.rule)).not.toContain('numbers');
    expect(after.segments[0]!.findings).toEqual(first.segments[0]!.findings);
    // Four of five as the machine wrote them: a warning now.
    expect(keys(after.findings)).toEqual([{ rule: 'machine-share', key: 'machine-share.high', url: undefined, overridden: false }]);
  });

  it('a glossary term changes the next read’s findings', async () => {
    const first = await readTwice();
    expect(keys(first.segments[0]!.findings).map((f) => f.rule)).not.toContain('glossary');
    await addGlossaryTerm(writer, w.publisher, { term: 'Tarsin' });
    const after = await page(1);
    expect(keys(after.segments[0]!.findings)).toContainEqual({ rule: 'glossary', key: 'glossary.do-not-translate', url: undefined, overridden: false });
  });

  it('a link target changes the next read’s findings', async () => {
    const first = await readTwice();
    expect(first.findings).toEqual([]);
    await setLinkTargets(writer, w.publisher, 'fr', logoTarget);
    const after = await page(1);
    expect(keys(after.findings)).toEqual([{ rule: 'links', key: 'links.unsafe', url: 'mailto:press@partner.example', overridden: false }]);
    await setLinkTargets(writer, w.publisher, 'fr', { 'https://partner.example/logo.png': 'https://partner.example/fr/logo.png' });
    expect((await page(1)).findings).toEqual([]);
  });

  it('an override shows in the next read, without judging the locale again', async () => {
    await setLinkTargets(writer, w.publisher, 'fr', logoTarget);
    const first = await readTwice();
    const para = first.segments[1]!;
    await overrideFinding(writer, w.reviewerFr, { slug, locale: 'fr', rule: 'numbers', segmentId: para.id, reason: 'Spelled out: house style' });
    await overrideFinding(writer, w.reviewerFr, { slug, locale: 'fr', rule: 'links', reason: 'The logo is placed at layout' });
    const before = tasks.length;
    const after = await page(1);
    expect(tasks.length).toBe(before);
    expect(after.segments[1]!.findings.find((f) => f.rule === 'numbers')!.overridden).toMatchObject({ reason: 'Spelled out: house style' });
    expect(after.findings.find((f) => f.rule === 'links')!.overridden).toMatchObject({ reason: 'The logo is placed at layout' });
    expect(first.findings.find((f) => f.rule === 'links')!.overridden).toBeUndefined();
  });

  it('is bounded: the least recently used findings go, and are judged again when read', async () => {
    const small = new QualityCache({ maxBytes: 4_000 });
    for (let i = 0; i < 200; i++) small.set(`s|t|1|seg-${i}|1|x`, [{ rule: 'numbers', severity: 'fatal', key: 'numbers.missing', args: { value: String(i) } }]);
    expect(small.size).toBeLessThan(200);
    expect(small.get('s|t|1|seg-199|1|x')).toBeDefined();
    expect(small.get('s|t|1|seg-0|1|x')).toBeUndefined();

    w.ctx.qualityCache = new QualityCache({ maxBytes: 1 });
    await page(1);
    await page(1);
    expect(tasks).toEqual([{ edition: true, segments: 2 }, { edition: true, segments: 2 }]);
  });
});
