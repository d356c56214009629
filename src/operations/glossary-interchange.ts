/**
 * The glossary in and out as TBX-Basic or CSV (src/interchange/tbx.ts, glossary-csv.ts).
 *
 * Import: one row per concept and target language (or one do-not-translate row), each checked
 * as addGlossaryTerm checks a term (a publisher of its target locale, `*` for do-not-translate
 * terms); in one transaction, all or nothing. Each row is `added`, `unchanged` (the same term
 * and preferred text are there already; when the file's variants or note differ, the glossary's
 * are kept and the row says so in `remark`) or `refused` with why (`forbidden`, `invalid`,
 * `conflict`: another text is already the preferred term for that term, locale and collection,
 * or the file gives two). Any refusal refuses the whole file (422 glossary_import_refused,
 * every row's outcome in details.entries); nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import type { GlossaryEntry, GlossaryFile } from '../interchange/glossary-entry.ts';
import { buildGlossaryCsv } from '../interchange/glossary-csv.ts';
import { documentsOf } from '../documents/workers.ts';
import { buildTbx } from '../interchange/tbx.ts';
import { canonicalLocale } from '../locale.ts';
import { toJson } from '../store/json.ts';
import { readJson } from '../store/json-columns.ts';
import { hasRole, requireRole, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';

export type GlossaryFormat = 'tbx' | 'csv';

/** The bounds of one import (the HTTP body is bounded besides). */
export const glossaryImportLimits = { entries: 20_000, term: 500, note: 2_000, variants: 50, collection: 100 } as const;

export interface GlossaryImportRow {
  /** The line of the file the entry starts on. */
  line: number;
  term: string;
  /** null: a do-not-translate term. */
  locale: string | null;
  collection: string | null;
  outcome: 'added' | 'unchanged' | 'refused';
  /** Why it was refused. */
  reason?: 'forbidden' | 'invalid' | 'conflict';
  problem?: string;
  /** For an entry unchanged though the file's variants or note differ from the glossary's. */
  remark?: string;
}

export interface GlossaryImportResult {
  format: GlossaryFormat;
  sourceLocale: string;
  added: number;
  unchanged: number;
  entries: GlossaryImportRow[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** A TBX or CSV file is parsed in a document worker (its time limit and queue), off the event loop. */
async function parseFile(ctx: OperationContext, format: GlossaryFormat, text: string, sourceLocale?: string): Promise<GlossaryFile> {
  return format === 'tbx' ? documentsOf(ctx).run('tbx', { xml: text, ...(sourceLocale !== undefined ? { sourceLocale } : {}) }) : documentsOf(ctx).run('glossaryCsv', { text });
}

interface Candidate {
  row: GlossaryImportRow;
  targetText: string | null;
  variants: string[];
  note: string | null;
}

function candidatesOf(entry: GlossaryEntry, sourceLocale: string): Candidate[] {
  const limits = glossaryImportLimits;
  const term = entry.source.term.trim();
  const base = { line: entry.line, term, collection: entry.collection };
  const problems: string[] = [];
  if (term === '') problems.push(`no term in the source language ${sourceLocale}`);
  if (term.length > limits.term) problems.push(`the term is over ${limits.term} characters`);
  if ((entry.note ?? '').length > limits.note) problems.push(`the note is over ${limits.note} characters`);
  if ((entry.collection ?? '').length > limits.collection) problems.push(`the collection is over ${limits.collection} characters`);
  const refuse = (locale: string | null, problem: string): Candidate => ({ row: { ...base, locale, outcome: 'refused', reason: 'invalid', problem }, targetText: null, variants: [], note: null });
  if (entry.targets.length === 0) {
    const variants = entry.source.variants;
    if (variants.length > limits.variants || variants.some((v) => v.length > limits.term)) problems.push(`over ${limits.variants} variants, or one over ${limits.term} characters`);
    if (problems.length > 0) return [refuse(null, problems.join('; '))];
    return [{ row: { ...base, locale: null, outcome: 'added' }, targetText: null, variants, note: entry.note }];
  }
  return entry.targets.map((t) => {
    let locale: string;
    try {
      locale = canonicalLocale(t.locale);
    } catch {
      return refuse(t.locale, `${JSON.stringify(t.locale)} is not a valid BCP 47 language tag`);
    }
    const own = [...problems];
    if (t.term.length > limits.term) own.push(`the ${locale} term is over ${limits.term} characters`);
    if (t.variants.length > limits.variants || t.variants.some((v) => v.length > limits.term)) own.push(`over ${limits.variants} ${locale} variants, or one over ${limits.term} characters`);
    if (own.length > 0) return refuse(locale, own.join('; '));
    return { row: { ...base, locale, outcome: 'added' }, targetText: t.term, variants: t.variants, note: entry.note };
  });
}

export async function importGlossary(ctx: OperationContext, actor: Actor, input: { format: GlossaryFormat; text: string; sourceLocale?: string }): Promise<GlossaryImportResult> {
  // Someone who may add no term at all is refused before the file is read.
  if (!actor.roles.some((r) => r.role === 'publisher' || r.role === 'admin')) requireRole(actor, ['publisher'], '*');
  const sourceLocale = input.sourceLocale === undefined ? undefined : canonicalLocale(input.sourceLocale);
  const file = await parseFile(ctx, input.format, input.text, sourceLocale);
  if (file.entries.length > glossaryImportLimits.entries) {
    throw new DomainError('input_too_large', `The file has ${file.entries.length} entries; at most ${glossaryImportLimits.entries} are taken at once`, { limit: glossaryImportLimits.entries, size: file.entries.length, unit: 'entries' });
  }
  const candidates = file.entries.flatMap((e) => candidatesOf(e, file.sourceLocale));
  for (const c of candidates) {
    if (c.row.outcome === 'refused') continue;
    if (!hasRole(actor, 'publisher', c.row.locale ?? '*')) Object.assign(c.row, { outcome: 'refused', reason: 'forbidden', problem: `${actor.name} is not publisher for ${c.row.locale ?? '*'}` });
  }
  const createdAt = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    // Rows are reset on each run: a transaction retried whole starts again from the file.
    const rows = candidates.map((c) => ({ ...c, row: { ...c.row } }));
    const terms = [...new Set(rows.map((c) => c.row.term).filter(Boolean))];
    const existing = new Map<string, { target_text: string | null; variants: string[]; note: string | null }[]>();
    const keyOf = (scope: string, term: string, locale: string | null) => JSON.stringify([scope, term, locale]);
    for (let i = 0; i < terms.length; i += 500) {
      const found = await trx.selectFrom('glossary_terms').select(['scope', 'term', 'target_locale', 'target_text', 'variants', 'note']).where('term', 'in', terms.slice(i, i + 500)).execute();
      for (const r of found) {
        const key = keyOf(r.scope, r.term, r.target_locale);
        existing.set(key, [...(existing.get(key) ?? []), { target_text: r.target_text, variants: readJson('glossary_terms.variants', r.variants), note: r.note }]);
      }
    }
    const inFile = new Map<string, Candidate>();
    const toInsert: Candidate[] = [];
    for (const c of rows) {
      if (c.row.outcome === 'refused') continue;
      const key = keyOf(c.row.collection ?? '*', c.row.term, c.row.locale);
      const same = (o: { target_text: string | null; variants: readonly string[]; note: string | null }) => o.target_text === c.targetText && sameSet(o.variants, c.variants) && o.note === c.note;
      const earlier = inFile.get(key);
      if (earlier) {
        if (!same({ target_text: earlier.targetText, variants: earlier.variants, note: earlier.note })) {
          Object.assign(c.row, { outcome: 'refused', reason: 'conflict', problem: `line ${earlier.row.line} gives ${JSON.stringify(earlier.targetText ?? c.row.term)} for the same term${c.row.locale ? ` in ${c.row.locale}` : ''}` });
        } else c.row.outcome = 'unchanged';
        continue;
      }
      inFile.set(key, c);
      const stored = existing.get(key) ?? [];
      if (stored.some(same)) c.row.outcome = 'unchanged';
      else if (stored.some((o) => o.target_text === c.targetText)) {
        // The same preferred term: the glossary's variants and note stay (a tool that drops them does not erase them).
        Object.assign(c.row, { outcome: 'unchanged', remark: 'already in the glossary with other variants or note, which are kept' });
      } else if (stored.length > 0) {
        const other = stored[0]!;
        Object.assign(c.row, { outcome: 'refused', reason: 'conflict', problem: `the glossary already has ${JSON.stringify(other.target_text)} for it in ${c.row.locale}` });
      } else toInsert.push(c);
    }
    const entries = rows.map((c) => c.row);
    const refused = entries.filter((r) => r.outcome === 'refused');
    if (refused.length > 0) {
      throw new DomainError('glossary_import_refused', `${refused.length} of ${entries.length} glossary entries refused (first: line ${refused[0]!.line}, ${refused[0]!.term}: ${refused[0]!.problem}); nothing imported`, {
        refused: refused.length,
        total: entries.length,
        line: refused[0]!.line,
        term: refused[0]!.term,
        problem: refused[0]!.problem,
        entries,
      });
    }
    for (let i = 0; i < toInsert.length; i += 200) {
      await trx
        .insertInto('glossary_terms')
        .values(
          toInsert.slice(i, i + 200).map((c) => ({
            id: randomUUID(),
            scope: c.row.collection ?? '*',
            term: c.row.term,
            target_locale: c.row.locale,
            target_text: c.targetText,
            variants: toJson(c.variants),
            note: c.note,
            created_at: createdAt,
          })),
        )
        .execute();
    }
    return { format: input.format, sourceLocale: file.sourceLocale, added: toInsert.length, unchanged: entries.length - toInsert.length, entries };
  });
}

export interface GlossaryExportQuery {
  format: GlossaryFormat;
  /** The language tag the terms are written in (the glossary does not record it): `en` by default. */
  sourceLocale?: string;
  /** Only do-not-translate terms and this locale's terms; absent: every locale. */
  locale?: string;
  /** Only terms for every statement and this collection's; absent: every collection. */
  collection?: string;
}

/** The glossary as TBX or CSV: one entry per term and collection, its target languages together. */
export async function exportGlossary(ctx: OperationContext, query: GlossaryExportQuery): Promise<string> {
  const sourceLocale = canonicalLocale(query.sourceLocale ?? 'en');
  const locale = query.locale === undefined ? undefined : canonicalLocale(query.locale);
  let q = ctx.store.db.selectFrom('glossary_terms').selectAll();
  if (query.collection !== undefined) q = q.where('scope', 'in', ['*', query.collection]);
  if (locale !== undefined) q = q.where((eb) => eb.or([eb('target_locale', 'is', null), eb('target_locale', '=', locale)]));
  const rows = await q.orderBy('term').orderBy('scope').orderBy('target_locale').orderBy('created_at').execute();
  const entries = new Map<string, GlossaryEntry>();
  for (const r of rows) {
    const variants = readJson('glossary_terms.variants', r.variants);
    const key = JSON.stringify([r.scope, r.term, r.target_locale === null]);
    let entry = entries.get(key);
    if (!entry) {
      entry = { line: 0, collection: r.scope === '*' ? null : r.scope, source: { term: r.term, variants: r.target_locale === null ? variants : [] }, targets: [], note: r.note };
      entries.set(key, entry);
    }
    if (r.target_locale !== null && r.target_text !== null && !entry.targets.some((t) => t.locale === r.target_locale)) {
      entry.targets.push({ locale: r.target_locale, term: r.target_text, variants });
    }
    entry.note ??= r.note;
  }
  const file = { sourceLocale, entries: [...entries.values()] };
  return query.format === 'tbx' ? buildTbx(file) : buildGlossaryCsv(file);
}
