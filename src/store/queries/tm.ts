/** Translation memory rows: remember a translation, find exact and fuzzy matches. */
import { randomUUID } from 'node:crypto';
import { sha256 } from '../../hash.ts';
import { distance } from 'fastest-levenshtein';
import type { Insertable } from 'kysely';
import type { TmEntriesTable } from '../schema.ts';
import type { Db } from '../store.ts';

export type TmOrigin = 'published' | 'approved' | 'imported' | 'machine';

/** Among equal scores: this organisation's published, then approved text, then a memory imported from TMX, then machine drafts. */
const originRank: Record<TmOrigin, number> = { published: 0, approved: 1, imported: 2, machine: 3 };

/** White space collapsed and trimmed: the form TM keys on. */
export function normaliseForTm(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function tmHash(text: string): string {
  return sha256(normaliseForTm(text));
}

export interface TmRemember {
  sourceLocale: string;
  targetLocale: string;
  sourceText: string;
  targetText: string;
  origin: TmOrigin;
  at: string;
}

/** The row an entry becomes (texts normalised), or null for an empty source or target. */
function tmRow(entry: TmRemember): Insertable<TmEntriesTable> | null {
  const source = normaliseForTm(entry.sourceText);
  const target = entry.targetText.trim();
  if (source === '' || target === '') return null;
  return {
    id: randomUUID(),
    source_locale: entry.sourceLocale,
    target_locale: entry.targetLocale,
    source_hash: tmHash(source),
    source_text: source,
    target_text: target,
    origin: entry.origin,
    source_length: source.length,
    target_hash: sha256(target),
    created_at: entry.at,
  };
}

export async function rememberTranslation(db: Db, entry: TmRemember): Promise<void> {
  const row = tmRow(entry);
  if (!row) return;
  await db
    .insertInto('tm_entries')
    .values(row)
    .onConflict((oc) => oc.columns(['source_locale', 'target_locale', 'source_hash', 'target_hash', 'origin']).doNothing())
    .execute();
}

/** Several entries in one statement per 500 (each of 10 columns): what publishing remembers of a locale. */
export async function rememberTranslations(db: Db, entries: readonly TmRemember[]): Promise<void> {
  const rows = new Map<string, Insertable<TmEntriesTable>>();
  for (const entry of entries) {
    const row = tmRow(entry);
    if (!row) continue;
    rows.set([row.source_locale, row.target_locale, row.source_hash, row.target_hash, row.origin].join('\u0000'), row);
  }
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += 500) {
    await db
      .insertInto('tm_entries')
      .values(all.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['source_locale', 'target_locale', 'source_hash', 'target_hash', 'origin']).doNothing())
      .execute();
  }
}

export interface TmMatch {
  sourceText: string;
  targetText: string;
  origin: TmOrigin;
  score: number;
  createdAt: string;
}

const byPreference = (a: TmMatch, b: TmMatch) =>
  b.score - a.score || originRank[a.origin] - originRank[b.origin] || b.createdAt.localeCompare(a.createdAt);

export async function exactMatches(db: Db, sourceLocale: string, targetLocale: string, text: string): Promise<TmMatch[]> {
  const source = normaliseForTm(text);
  const rows = await db
    .selectFrom('tm_entries')
    .selectAll()
    .where('source_locale', '=', sourceLocale)
    .where('target_locale', '=', targetLocale)
    .where('source_hash', '=', tmHash(source))
    .execute();
  return rows
    .filter((r) => r.source_text === source)
    .map((r) => ({ sourceText: r.source_text, targetText: r.target_text, origin: r.origin, score: 1, createdAt: r.created_at }))
    .sort(byPreference);
}

/** The best exact match of each text (by preference), in one query. */
export async function exactMatchesOf(db: Db, sourceLocale: string, targetLocale: string, texts: readonly string[]): Promise<Map<string, TmMatch>> {
  const out = new Map<string, TmMatch>();
  const byHash = new Map(texts.map((t) => [tmHash(t), normaliseForTm(t)]));
  const hashes = [...byHash.keys()];
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('tm_entries')
      .selectAll()
      .where('source_locale', '=', sourceLocale)
      .where('target_locale', '=', targetLocale)
      .where('source_hash', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      if (byHash.get(r.source_hash) !== r.source_text) continue;
      const match: TmMatch = { sourceText: r.source_text, targetText: r.target_text, origin: r.origin, score: 1, createdAt: r.created_at };
      const best = out.get(r.source_text);
      if (!best || byPreference(match, best) < 0) out.set(r.source_text, match);
    }
  }
  return out;
}

/** Similarity 1 − Levenshtein distance / longer length; only texts of near length can reach the threshold. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

export async function fuzzyMatches(db: Db, sourceLocale: string, targetLocale: string, text: string, threshold = 0.75, limit = 5): Promise<TmMatch[]> {
  return (await memoryMatches(db, sourceLocale, targetLocale, [text], { threshold, limit })).get(normaliseForTm(text))?.fuzzy ?? [];
}

/** The fuzzy matches of several texts (a page of segments), in one query: normalised text → matches, best first. */
export async function fuzzyMatchesOf(db: Db, sourceLocale: string, targetLocale: string, texts: readonly string[], threshold = 0.75, limit = 5): Promise<Map<string, TmMatch[]>> {
  const found = await memoryMatches(db, sourceLocale, targetLocale, texts, { threshold, limit });
  return new Map([...found].map(([text, m]) => [text, m.fuzzy]));
}

/** Candidates read for each window of source lengths (as many as one text's look-up ever read). */
const candidatesPerWindow = 5000;

/**
 * Exact (`exact: true`) and fuzzy matches of several texts in one query, whatever their number:
 * the texts' windows of near length (only a text within 1/threshold of another's length can
 * reach the threshold) merged where they overlap, read together, each candidate scored against
 * the texts whose window holds it. Keyed by the normalised text.
 */
export async function memoryMatches(
  db: Db,
  sourceLocale: string,
  targetLocale: string,
  texts: readonly string[],
  options: { threshold?: number; limit?: number; exact?: boolean } = {},
): Promise<Map<string, { exact: TmMatch[]; fuzzy: TmMatch[] }>> {
  const threshold = options.threshold ?? 0.75;
  const limit = options.limit ?? 5;
  const sources = [...new Set(texts.map(normaliseForTm))].map((text) => ({ text, min: Math.floor(text.length * threshold), max: Math.ceil(text.length / threshold) }));
  const out = new Map(sources.map((s) => [s.text, { exact: [] as TmMatch[], fuzzy: [] as TmMatch[] }]));
  if (sources.length === 0) return out;
  const windows: { min: number; max: number }[] = [];
  for (const s of [...sources].sort((a, b) => a.min - b.min)) {
    const last = windows[windows.length - 1];
    if (last && s.min <= last.max + 1) last.max = Math.max(last.max, s.max);
    else windows.push({ min: s.min, max: s.max });
  }
  const hashes = options.exact ? sources.map((s) => tmHash(s.text)) : [];
  // A page's texts merge into a few windows; past 1,000 of them, or 1,000 exact hashes, a query each (bound parameters).
  const rows = [];
  for (let i = 0; i < Math.max(windows.length, hashes.length); i += 1000) {
    const someWindows = windows.slice(i, i + 1000);
    const someHashes = hashes.slice(i, i + 1000);
    rows.push(
      ...(await db
        .selectFrom('tm_entries')
        .selectAll()
        .where('source_locale', '=', sourceLocale)
        .where('target_locale', '=', targetLocale)
        .where((eb) =>
          eb.or([
            ...someWindows.map((w) => eb.and([eb('source_length', '>=', w.min), eb('source_length', '<=', w.max)])),
            ...(someHashes.length > 0 ? [eb('source_hash', 'in', someHashes)] : []),
          ]),
        )
        // Exact candidates first, should the cap be reached.
        .$if(someHashes.length > 0, (q) => q.orderBy((eb) => eb.case().when('source_hash', 'in', someHashes).then(0).else(1).end()))
        .limit(candidatesPerWindow * Math.max(1, someWindows.length) + (someHashes.length > 0 ? candidatesPerWindow : 0))
        .execute()),
    );
  }
  for (const s of sources) {
    const found = out.get(s.text)!;
    for (const r of rows) {
      if (r.source_text === s.text) {
        if (options.exact) found.exact.push({ sourceText: r.source_text, targetText: r.target_text, origin: r.origin, score: 1, createdAt: r.created_at });
        continue;
      }
      if (r.source_length < s.min || r.source_length > s.max) continue;
      const score = similarity(s.text, r.source_text);
      if (score >= threshold && score < 1) found.fuzzy.push({ sourceText: r.source_text, targetText: r.target_text, origin: r.origin, score, createdAt: r.created_at });
    }
    found.exact.sort(byPreference);
    found.fuzzy = found.fuzzy.sort(byPreference).slice(0, limit);
  }
  return out;
}
