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
import type { CorrectionNotice, EditionProvenance } from '../types/edition.ts';
import { iso, type OperationContext } from './context.ts';

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
   * When an edition not withdrawn becomes visible next (the earliest embargo still running),
   * else null: `live` holds until then, or until a publication or withdrawal.
   */
  nextChangeAt: string | null;
}

export async function publishedIndex(ctx: OperationContext, slug: string): Promise<PublishedIndex> {
  const now = iso(ctx);
  // Every edition not withdrawn, embargoed ones included (for when this answer ends).
  const rows = await ctx.store.db
    .selectFrom('statements')
    .leftJoin('editions', (j) =>
      j
        .onRef('editions.statement_id', '=', 'statements.id')
        .on((eb) => eb.not(eb.exists(eb.selectFrom('edition_withdrawals').select('edition_id').whereRef('edition_withdrawals.edition_id', '=', 'editions.id')))))
    .select(['statements.source_locale', 'editions.id', 'editions.locale', 'editions.hash', 'editions.source_revision', 'editions.published_at', 'editions.visible_from'])
    .where('statements.slug', '=', slug)
    .orderBy('editions.visible_from', 'asc')
    .orderBy('editions.published_at', 'asc')
    .execute();
  if (rows.length === 0) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(slug)}`, { slug });
  const live = new Map<string, LiveEditionRef>();
  let nextChangeAt: string | null = null;
  for (const r of rows) {
    if (!r.id || !r.locale || !r.hash || r.source_revision === null || !r.published_at || !r.visible_from) continue;
    if (r.visible_from > now) {
      // Ordered by visible_from: the first one in the future is the next.
      nextChangeAt ??= r.visible_from;
      continue;
    }
    live.set(r.locale, { id: r.id, locale: r.locale, hash: r.hash, sourceRevision: r.source_revision, publishedAt: r.published_at });
  }
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
