/**
 * The published side, for readers: which edition of each locale of a statement is live (one
 * small query) and until when that answer holds (the next embargo's end), an edition's
 * content by id (editions never change, so it can be kept), and
 * the choice of a locale for a reader's languages (RFC 4647 lookup: fr-CA → fr), then the
 * configured fallbacks, then the source language.
 */
import { lookup } from 'bcp-47-match';
import { DomainError } from '../errors.ts';
import { readJsonOrNull } from '../store/json-columns.ts';
import { liveByGroup } from '../store/queries/editions.ts';
import type { CorrectionNotice, EditionProvenance } from '../types/edition.ts';
import { iso, type OperationContext } from './context.ts';
import { isSlug } from '../validation.ts';

export interface LiveEditionRef {
  id: string;
  locale: string;
  hash: string;
  sourceRevision: number;
  publishedAt: string;
}

export interface PublishedIndex {
  slug: string;
  sourceLocale: string;
  /** The live edition of each locale. */
  live: Map<string, LiveEditionRef>;
  /**
   * When the live edition of a locale changes next (the earliest embargo still running whose
   * edition no later publication overtook), else null: `live` holds until then, or until a
   * publication or withdrawal.
   */
  nextChangeAt: string | null;
}

export async function publishedIndex(ctx: OperationContext, slug: string): Promise<PublishedIndex> {
  // No statement has a name that is not a slug (`a%00b`, `A B`): not found, before any query.
  if (!isSlug(slug)) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(slug.slice(0, 200))}`, { slug: slug.slice(0, 200) });
  const now = iso(ctx);
  // Every edition not withdrawn, embargoed ones included (for when this answer ends).
  const rows = await ctx.store.db
    .selectFrom('statements')
    .leftJoin('editions', (j) =>
      j
        .onRef('editions.statement_id', '=', 'statements.id')
        .on((eb) => eb.not(eb.exists(eb.selectFrom('edition_withdrawals').select('edition_id').whereRef('edition_withdrawals.edition_id', '=', 'editions.id')))))
    .select(['statements.source_locale', 'editions.id', 'editions.locale', 'editions.hash', 'editions.source_revision', 'editions.published_at', 'editions.visible_from', 'editions.supersedes'])
    .where('statements.slug', '=', slug)
    .execute();
  if (rows.length === 0) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(slug)}`, { slug });
  const editions = [];
  for (const r of rows) {
    if (!r.id || !r.locale || !r.hash || r.source_revision === null || !r.published_at || !r.visible_from) continue;
    editions.push({ id: r.id, locale: r.locale, hash: r.hash, source_revision: r.source_revision, published_at: r.published_at, visible_from: r.visible_from, supersedes: r.supersedes });
  }
  // The rule of what is live, and when its answer next changes (src/store/queries/editions.ts).
  const chosen = liveByGroup(editions, (e) => e.locale, now);
  const live = new Map<string, LiveEditionRef>();
  for (const [locale, e] of chosen.live) live.set(locale, { id: e.id, locale, hash: e.hash, sourceRevision: e.source_revision, publishedAt: e.published_at });
  const nextChangeAt = chosen.nextChangeAt;
  return { slug, sourceLocale: rows[0]!.source_locale, live, nextChangeAt };
}

export interface EditionContent {
  markdown: string;
  mdast: unknown;
  provenance: EditionProvenance | null;
  correction: CorrectionNotice | null;
}

export async function editionContent(ctx: OperationContext, id: string): Promise<EditionContent> {
  const row = await ctx.store.db.selectFrom('editions').select(['markdown', 'mdast', 'provenance', 'correction']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('edition_not_found', `No edition ${id}`, { editionId: id });
  return { markdown: row.markdown, mdast: JSON.parse(row.mdast) as unknown, provenance: readJsonOrNull('editions.provenance', row.provenance), correction: readJsonOrNull('editions.correction', row.correction) };
}

/** The locale to serve for a reader's languages: lookup, then fallbacks, then the source. */
export function chooseLocale(index: PublishedIndex, wanted: readonly string[], fallbacks: readonly string[]): string {
  const locales = [...index.live.keys()];
  if (locales.length === 0) throw new DomainError('edition_not_found', `${index.slug} has no published edition`, { slug: index.slug });
  const chosen = lookup(locales, [...wanted, ...fallbacks, index.sourceLocale]);
  if (chosen && index.live.has(chosen)) return chosen;
  return index.live.has(index.sourceLocale) ? index.sourceLocale : locales[0]!;
}
