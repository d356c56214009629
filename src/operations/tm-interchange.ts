/**
 * Translation memory as TMX 1.4b (src/interchange/tmx.ts).
 *
 * Import: every <tu> gives one entry per target <tuv> (source: the unit's or the header's
 * srclang; `*all*`: the unit's first <tuv>), stored with origin `imported` (ranked after
 * published and approved text, before machine drafts, among matches of equal score). Each
 * entry is added, unchanged (the same source and target are already in the memory, whatever
 * their origin) or refused with why (no source or target, empty, an unpaired code, a target
 * whose placeholders are not the source's). Whole file in one transaction: all or nothing.
 * Who may: an admin, or a translator, reviewer or publisher of every target locale in the file.
 *
 * Export: the approved and published memory of one language pair (not machine drafts, not
 * imported entries), each source and target once; anyone signed in may read it.
 */
import { randomUUID } from 'node:crypto';
import { sha256 } from '../hash.ts';
import type { Insertable } from 'kysely';
import { DomainError } from '../errors.ts';
import { documentsOf } from '../documents/workers.ts';
import { buildTmx, type TmxVariant } from '../interchange/tmx.ts';
import { canonicalLocale } from '../locale.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { normaliseForTm, tmHash } from '../store/queries/tm.ts';
import type { TmEntriesTable } from '../store/schema.ts';
import { isAdmin, requireRole, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';

/** The largest TMX file read (the CLI's bound; over HTTP the request body limit is lower). */
export const tmxMaxBytes = 64 * 1024 * 1024;

export interface TmImportRefusal {
  /** 1-based position of the <tu> in the file. */
  unit: number;
  tuid?: string;
  lang?: string;
  reason: string;
}

export interface TmImportResult {
  units: number;
  added: number;
  unchanged: number;
  refused: TmImportRefusal[];
  /** Per language pair. */
  pairs: { source: string; target: string; added: number; unchanged: number }[];
}

interface Candidate {
  source: string;
  target: string;
  sourceText: string;
  targetText: string;
}

function localeOf(tag: string): string | null {
  try {
    return tag && tag !== '*all*' ? canonicalLocale(tag) : null;
  } catch {
    return null;
  }
}

function placeholderIds(text: string): string {
  return xmlCodec
    .decode(text)
    .tokens.flatMap((t) => (t.type === 'open' ? [`g${t.id}`] : t.type === 'standalone' ? [`x${t.id}`] : []))
    .sort()
    .join(' ');
}

export async function importTmx(ctx: OperationContext, actor: Actor, input: { xml: string; onProgress?: (done: number, total: number) => void }): Promise<TmImportResult> {
  const size = Buffer.byteLength(input.xml);
  if (size > tmxMaxBytes) throw new DomainError('input_too_large', `The TMX file is ${size} bytes; the limit is ${tmxMaxBytes}`, { size, limit: tmxMaxBytes });
  // Parsed in a document worker (its time limit and queue), off the event loop.
  const doc = await documentsOf(ctx).run('tmx', { xml: input.xml });
  const refused: TmImportRefusal[] = [];
  const candidates: Candidate[] = [];
  for (const unit of doc.units) {
    const at = { unit: unit.index, ...(unit.id !== undefined ? { tuid: unit.id } : {}) };
    const declared = unit.srclang ?? doc.srclang;
    const sourceTag = declared === '*all*' || declared === '' ? unit.variants[0]?.lang ?? '' : declared;
    const source = localeOf(sourceTag);
    if (!source) {
      refused.push({ ...at, reason: `no valid source language (${JSON.stringify(sourceTag)})` });
      continue;
    }
    const sourceVariant = unit.variants.find((v) => localeOf(v.lang) === source);
    if (!sourceVariant) {
      refused.push({ ...at, reason: `no <tuv> in the source language ${source}` });
      continue;
    }
    if (sourceVariant.problem) {
      refused.push({ ...at, lang: source, reason: sourceVariant.problem });
      continue;
    }
    if (normaliseForTm(sourceVariant.text) === '') {
      refused.push({ ...at, lang: source, reason: 'empty source text' });
      continue;
    }
    const targets = unit.variants.filter((v) => v !== sourceVariant);
    if (targets.length === 0) {
      refused.push({ ...at, reason: 'no translation (only the source <tuv>)' });
      continue;
    }
    const sourceIds = placeholderIds(sourceVariant.text);
    for (const v of targets) {
      const why = refusalOf(v, source, sourceIds);
      if (why) refused.push({ ...at, lang: v.lang, reason: why });
      else candidates.push({ source, target: localeOf(v.lang)!, sourceText: sourceVariant.text, targetText: v.text });
    }
  }
  const targetLocales = [...new Set(candidates.map((c) => c.target))];
  if (!isAdmin(actor)) for (const locale of targetLocales) requireRole(actor, ['translator', 'reviewer', 'publisher'], locale);
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const pairs = new Map<string, { source: string; target: string; added: number; unchanged: number }>();
    const seen = new Set<string>();
    let added = 0;
    let unchanged = 0;
    for (let i = 0; i < candidates.length; i += 500) {
      const chunk = candidates.slice(i, i + 500);
      const rows = chunk.map((c) => {
        const sourceText = normaliseForTm(c.sourceText);
        const targetText = c.targetText.trim();
        return { c, sourceText, targetText, sourceHash: tmHash(sourceText), targetHash: sha256(targetText) };
      });
      const existing = await trx
        .selectFrom('tm_entries')
        .select(['source_locale', 'target_locale', 'source_hash', 'target_hash'])
        .where('source_hash', 'in', [...new Set(rows.map((r) => r.sourceHash))])
        .execute();
      for (const e of existing) seen.add([e.source_locale, e.target_locale, e.source_hash, e.target_hash].join('\u0000'));
      const fresh: Insertable<TmEntriesTable>[] = [];
      for (const r of rows) {
        const key = [r.c.source, r.c.target, r.sourceHash, r.targetHash].join('\u0000');
        const pairKey = `${r.c.source}\u0000${r.c.target}`;
        const pair = pairs.get(pairKey) ?? { source: r.c.source, target: r.c.target, added: 0, unchanged: 0 };
        pairs.set(pairKey, pair);
        if (seen.has(key)) {
          pair.unchanged++;
          unchanged++;
          continue;
        }
        seen.add(key);
        pair.added++;
        added++;
        fresh.push({ id: randomUUID(), source_locale: r.c.source, target_locale: r.c.target, source_hash: r.sourceHash, source_text: r.sourceText, target_text: r.targetText, origin: 'imported', source_length: r.sourceText.length, target_hash: r.targetHash, created_at: at });
      }
      if (fresh.length > 0) await trx.insertInto('tm_entries').values(fresh).execute();
      input.onProgress?.(Math.min(i + 500, candidates.length), candidates.length);
    }
    return { units: doc.units.length, added, unchanged, refused, pairs: [...pairs.values()] };
  });
}

function refusalOf(v: TmxVariant, source: string, sourceIds: string): string | undefined {
  const target = localeOf(v.lang);
  if (!target) return `not a valid language tag: ${JSON.stringify(v.lang)}`;
  if (target === source) return `a second <tuv> in the source language ${source}`;
  if (v.problem) return v.problem;
  if (v.text.trim() === '') return 'empty target text';
  const ids = placeholderIds(v.text);
  if (ids !== sourceIds) return `placeholders differ from the source's (source: ${sourceIds || 'none'}; target: ${ids || 'none'})`;
  return undefined;
}

/** The approved and published memory of a language pair as TMX 1.4b. */
export async function exportTmx(ctx: OperationContext, input: { source: string; target: string }): Promise<{ xml: string; count: number }> {
  const source = canonicalLocale(input.source);
  const target = canonicalLocale(input.target);
  const rows = await ctx.store.db
    .selectFrom('tm_entries')
    .select(['source_text', 'target_text', 'created_at'])
    .where('source_locale', '=', source)
    .where('target_locale', '=', target)
    .where('origin', 'in', ['published', 'approved'])
    .orderBy('created_at')
    .execute();
  // The same order on either database: by source, then target (code points).
  rows.sort((a, b) => (a.source_text < b.source_text ? -1 : a.source_text > b.source_text ? 1 : a.target_text < b.target_text ? -1 : a.target_text > b.target_text ? 1 : 0));
  const entries = new Map<string, { sourceText: string; targetText: string; createdAt: string }>();
  for (const r of rows) {
    const key = `${r.source_text}\u0000${r.target_text}`;
    if (!entries.has(key)) entries.set(key, { sourceText: r.source_text, targetText: r.target_text, createdAt: r.created_at });
  }
  return { xml: buildTmx(source, target, [...entries.values()]), count: entries.size };
}
