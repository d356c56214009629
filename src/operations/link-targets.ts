/** Per-locale link targets: a source URL → the URL the locale's editions link to instead. */
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import type { Db } from '../store/store.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';

export async function linkTargetsFor(db: Db, locale: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('link_targets').select(['source_url', 'target_url']).where('locale', '=', locale).orderBy('source_url').execute();
  return new Map(rows.map((r) => [r.source_url, r.target_url]));
}

/** Replaces the locale's whole map. */
export async function setLinkTargets(ctx: OperationContext, actor: Actor, localeTag: string, targets: Readonly<Record<string, string>>) {
  const locale = canonicalLocale(localeTag);
  requireRole(actor, ['publisher'], locale);
  for (const [from, to] of Object.entries(targets)) {
    for (const [field, url] of [['source', from], ['target', to]] as const) {
      if (url.trim() === '' || /\s/.test(url)) throw new DomainError('validation_failed', `Not a URL: ${JSON.stringify(url)}`, { field: `targets.${field}`, problem: 'a URL without spaces' });
    }
  }
  const at = iso(ctx);
  await ctx.store.transaction(async (trx) => {
    await trx.deleteFrom('link_targets').where('locale', '=', locale).execute();
    const rows = Object.entries(targets).map(([source_url, target_url]) => ({ locale, source_url, target_url, updated_at: at }));
    if (rows.length > 0) await trx.insertInto('link_targets').values(rows).execute();
  });
  return { locale, targets: Object.fromEntries(await linkTargetsFor(ctx.store.db, locale)) };
}

export async function getLinkTargets(ctx: OperationContext, localeTag: string) {
  const locale = canonicalLocale(localeTag);
  return { locale, targets: Object.fromEntries(await linkTargetsFor(ctx.store.db, locale)) };
}
