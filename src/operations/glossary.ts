/** Glossary terms, global (`*`) or per statement collection: do-not-translate terms and preferred target terms. */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import { byCodePoint } from '../text-order.ts';
import { toJson } from '../store/json.ts';
import { readJson } from '../store/json-columns.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import type { Db } from '../store/store.ts';
import { iso, type OperationContext } from './context.ts';

export interface GlossaryTermInput {
  scope?: string;
  term: string;
  /** Absent: the term must not be translated. */
  targetLocale?: string;
  targetText?: string;
  variants?: string[];
  note?: string;
}

export async function addGlossaryTerm(ctx: OperationContext, actor: Actor, input: GlossaryTermInput) {
  const term = typeof input.term === 'string' ? input.term.trim() : '';
  if (term === '') throw new DomainError('validation_failed', 'A glossary term needs its text', { field: 'term', problem: 'required' });
  const targetLocale = input.targetLocale ? canonicalLocale(input.targetLocale) : null;
  if ((targetLocale === null) !== (input.targetText === undefined)) {
    throw new DomainError('validation_failed', 'A preferred term needs both targetLocale and targetText', { field: 'targetText', problem: 'required with targetLocale' });
  }
  requireRole(actor, ['publisher'], targetLocale ?? '*');
  const row = {
    id: randomUUID(),
    scope: input.scope ?? '*',
    term,
    target_locale: targetLocale,
    target_text: input.targetText ?? null,
    variants: toJson(input.variants ?? []),
    note: input.note ?? null,
    created_at: iso(ctx),
  };
  await ctx.store.transaction((trx) => trx.insertInto('glossary_terms').values(row).execute());
  return row;
}

/** The terms that apply to a statement of `collection` translated into `locale`. */
export async function glossaryFor(ctx: OperationContext, collection: string | null, locale: string) {
  return glossaryIn(ctx.store.db, collection, locale);
}

/** The same, read through `db` (a transaction, say). */
export async function glossaryIn(db: Db, collection: string | null, locale: string) {
  const scopes = collection ? ['*', collection] : ['*'];
  const rows = await db
    .selectFrom('glossary_terms')
    .selectAll()
    .where('scope', 'in', scopes)
    .where((eb) => eb.or([eb('target_locale', 'is', null), eb('target_locale', '=', locale)]))
    .orderBy('term')
    .execute();
  return rows.map((r) => ({
    term: r.term,
    doNotTranslate: r.target_locale === null,
    targetText: r.target_text,
    variants: readJson('glossary_terms.variants', r.variants),
    scope: r.scope,
    note: r.note,
  }));
}

/** Every term (the glossary page), by term then target locale. Anyone signed in reads. */
export async function listGlossaryTerms(ctx: OperationContext) {
  const rows = await ctx.store.db.selectFrom('glossary_terms').selectAll().execute();
  return rows
    .map((r) => ({ id: r.id, term: r.term, scope: r.scope, targetLocale: r.target_locale, targetText: r.target_text, variants: readJson('glossary_terms.variants', r.variants), note: r.note }))
    .sort((a, b) => byCodePoint(a.term, b.term) || byCodePoint(a.targetLocale ?? '', b.targetLocale ?? '') || byCodePoint(a.id, b.id));
}

/**
 * Deletes a term: publishers of its target locale (of every locale, `*`, for a
 * do-not-translate term), as for adding it. A term that is not there (deleted already) is
 * nothing to do: `{ deleted: false }`.
 */
export async function deleteGlossaryTerm(ctx: OperationContext, actor: Actor, id: string) {
  return ctx.store.transaction(async (trx) => {
    const row = await trx.selectFrom('glossary_terms').select(['id', 'target_locale']).where('id', '=', id).executeTakeFirst();
    if (!row) return { deleted: false };
    requireRole(actor, ['publisher'], row.target_locale ?? '*');
    await trx.deleteFrom('glossary_terms').where('id', '=', id).execute();
    return { deleted: true };
  });
}
