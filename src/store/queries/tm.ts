/** Translation memory rows: remember a translation, find exact and fuzzy matches. */
import { createHash, randomUUID } from 'node:crypto';
import { distance } from 'fastest-levenshtein';
import type { Db } from '../store.ts';

export type TmOrigin = 'published' | 'approved' | 'machine';

const originRank: Record<TmOrigin, number> = { published: 0, approved: 1, machine: 2 };

/** White space collapsed and trimmed: the form TM keys on. */
export function normaliseForTm(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function tmHash(text: string): string {
  return createHash('sha256').update(normaliseForTm(text)).digest('hex');
}

export interface TmRemember {
  sourceLocale: string;
  targetLocale: string;
  sourceText: string;
  targetText: string;
  origin: TmOrigin;
  at: string;
}

export async function rememberTranslation(db: Db, entry: TmRemember): Promise<void> {
  const source = normaliseForTm(entry.sourceText);
  const target = entry.targetText.trim();
  if (source === '' || target === '') return;
  const hash = tmHash(source);
  await db
    .insertInto('tm_entries')
    .values({
      id: randomUUID(),
      source_locale: entry.sourceLocale,
      target_locale: entry.targetLocale,
      source_hash: hash,
      source_text: source,
      target_text: target,
      origin: entry.origin,
      source_length: source.length,
      target_hash: createHash('sha256').update(target).digest('hex'),
      created_at: entry.at,
    })
    .onConflict((oc) => oc.columns(['source_locale', 'target_locale', 'source_hash', 'target_hash', 'origin']).doNothing())
    .execute();
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
  const source = normaliseForTm(text);
  const min = Math.floor(source.length * threshold);
  const max = Math.ceil(source.length / threshold);
  const rows = await db
    .selectFrom('tm_entries')
    .selectAll()
    .where('source_locale', '=', sourceLocale)
    .where('target_locale', '=', targetLocale)
    .where('source_length', '>=', min)
    .where('source_length', '<=', max)
    .limit(5000)
    .execute();
  return rows
    .map((r) => ({ sourceText: r.source_text, targetText: r.target_text, origin: r.origin, score: similarity(source, r.source_text), createdAt: r.created_at }))
    .filter((m) => m.score >= threshold && m.score < 1)
    .sort(byPreference)
    .slice(0, limit);
}
