/**
 * The published side, for readers: the live edition of each locale of a statement, and the
 * choice of a locale for a reader's languages (RFC 4647 lookup: fr-CA → fr), then the
 * configured fallbacks, then the source language.
 */
import { lookup } from 'bcp-47-match';
import { DomainError } from '../errors.ts';
import { statementBySlug } from '../store/queries/statements.ts';
import { notWithdrawn } from '../store/queries/editions.ts';
import { iso, type OperationContext } from './context.ts';

export async function liveLocales(ctx: OperationContext, slug: string) {
  const statement = await statementBySlug(ctx.store.db, slug);
  const rows = await ctx.store.db
    .selectFrom('editions')
    .select(['locale'])
    .distinct()
    .where('statement_id', '=', statement.id)
    .where('visible_from', '<=', iso(ctx))
    .where(notWithdrawn)
    .orderBy('locale')
    .execute();
  return { sourceLocale: statement.source_locale, locales: rows.map((r) => r.locale) };
}

export async function chooseLocale(ctx: OperationContext, slug: string, wanted: readonly string[], fallbacks: readonly string[]) {
  const { sourceLocale, locales } = await liveLocales(ctx, slug);
  if (locales.length === 0) throw new DomainError('edition_not_found', `${slug} has no published edition`, { slug });
  const chosen = lookup(locales, [...wanted, ...fallbacks, sourceLocale]) ?? undefined;
  const locale = chosen && locales.includes(chosen) ? chosen : locales.includes(sourceLocale) ? sourceLocale : locales[0]!;
  return { locale, locales };
}
