/** Per-locale link targets: a source URL → the URL the locale's editions link to instead. */
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import type { Db } from '../store/store.ts';
import { byCodePoint } from '../text-order.ts';
import { keptBySanitizer, schemeOf } from '../quality/url-scheme.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';

export async function linkTargetsFor(db: Db, locale: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('link_targets').select(['source_url', 'target_url']).where('locale', '=', locale).execute();
  // Ordered here, not by the database's collation (the same order on SQLite and PostgreSQL).
  return new Map(rows.sort((a, b) => byCodePoint(a.source_url, b.source_url)).map((r) => [r.source_url, r.target_url]));
}

/** A locale's map has at most `entries` entries, each URL at most `urlLength` characters (the API's schema uses these). */
export const linkTargetBounds = { entries: 2000, urlLength: 2000 } as const;

/** Rows per INSERT: far below SQLite's limit on bound variables whatever the input. */
const rowsPerInsert = 500;

function refuse(field: string, url: string, issue: Record<string, unknown> & { problem: string }) {
  return new DomainError('validation_failed', `${field}: ${issue.problem} (${JSON.stringify(url.slice(0, 100))})`, {
    field,
    problem: issue.problem,
    issue: { code: 'custom', params: issue },
  });
}

/**
 * Replaces the locale's whole map. Refused (validation_failed, nothing changed): more than
 * the bounded number of entries, a URL that is empty, has spaces or is too long, and a target
 * that the published page's sanitiser would drop (`javascript:`, `data:`…: quality/url-scheme.ts).
 */
export async function setLinkTargets(ctx: OperationContext, actor: Actor, localeTag: string, targets: Readonly<Record<string, string>>) {
  const locale = canonicalLocale(localeTag);
  requireRole(actor, ['publisher'], locale);
  const entries = Object.entries(targets);
  if (entries.length > linkTargetBounds.entries) {
    throw refuse('targets', '', { problem: 'too_many_entries', maximum: linkTargetBounds.entries, size: entries.length });
  }
  for (const [from, to] of entries) {
    for (const [field, url] of [['source', from], ['target', to]] as const) {
      if (url.trim() === '' || /\s/.test(url)) throw refuse(`targets.${field}`, url, { problem: 'not_a_url' });
      if (url.length > linkTargetBounds.urlLength) throw refuse(`targets.${field}`, url, { problem: 'too_long', maximum: linkTargetBounds.urlLength });
    }
    if (!keptBySanitizer(to, 'href')) throw refuse('targets.target', to, { problem: 'unsafe_url', scheme: schemeOf(to) });
  }
  const at = iso(ctx);
  await ctx.store.transaction(async (trx) => {
    // Rows the new map lacks are deleted and the others upserted (inserted, or updated where the
    // (locale, source URL) key exists): two replacements at once never meet that key, whichever
    // commits last holds the whole map (docs/domain.md, "Concurrent writers").
    const kept = new Set(entries.map(([from]) => from));
    const present = await trx.selectFrom('link_targets').select('source_url').where('locale', '=', locale).execute();
    const gone = present.map((r) => r.source_url).filter((url) => !kept.has(url));
    for (let i = 0; i < gone.length; i += rowsPerInsert) await trx.deleteFrom('link_targets').where('locale', '=', locale).where('source_url', 'in', gone.slice(i, i + rowsPerInsert)).execute();
    const rows = entries.map(([source_url, target_url]) => ({ locale, source_url, target_url, updated_at: at }));
    for (let i = 0; i < rows.length; i += rowsPerInsert) {
      await trx
        .insertInto('link_targets')
        .values(rows.slice(i, i + rowsPerInsert))
        .onConflict((oc) => oc.columns(['locale', 'source_url']).doUpdateSet((eb) => ({ target_url: eb.ref('excluded.target_url'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    }
  });
  return { locale, targets: Object.fromEntries(await linkTargetsFor(ctx.store.db, locale)) };
}

export async function getLinkTargets(ctx: OperationContext, localeTag: string) {
  const locale = canonicalLocale(localeTag);
  return { locale, targets: Object.fromEntries(await linkTargetsFor(ctx.store.db, locale)) };
}
