/**
 * Every live edition (visible, not withdrawn, the one of its statement and locale published
 * last: src/store/queries/editions.ts), for feeds and the static export: with its title and
 * summary (the first heading and paragraph) and the other live locales of its statement.
 */
import type { Root } from 'mdast';
import { titleAndSummary } from '../publishing/edition-summary.ts';
import { readJsonOrNull } from '../store/json-columns.ts';
import { liveByGroup, notWithdrawn } from '../store/queries/editions.ts';
import { iso, type OperationContext } from './context.ts';
import type { LiveEdition } from '../publishing/live-edition.ts';


/** `limit`: only the newest (for feeds). */
export async function liveEditions(ctx: OperationContext, filter: { locale?: string; limit?: number } = {}): Promise<LiveEdition[]> {
  return (await liveEditionsUntil(ctx, filter)).editions;
}

/**
 * The live editions, and when that answer ends at the latest: `nextChangeAt`, the earliest end
 * of an embargo still running that changes a live edition (any statement, any locale: the
 * others' alternates change too; not one a later publication overtook), else null. A
 * publication or a withdrawal ends it too (src/store/change-feed.ts).
 */
export async function liveEditionsUntil(ctx: OperationContext, filter: { locale?: string; limit?: number } = {}): Promise<{ editions: LiveEdition[]; nextChangeAt: string | null }> {
  const now = iso(ctx);
  // Which edition is live per statement and locale, from the light columns of every edition
  // not withdrawn (embargoed ones included, for when this answer ends).
  const rows = await ctx.store.db
    .selectFrom('editions')
    .innerJoin('statements', 'statements.id', 'editions.statement_id')
    .select(['editions.id', 'statements.slug', 'statements.source_locale', 'editions.locale', 'editions.published_at', 'editions.visible_from', 'editions.supersedes'])
    .where(notWithdrawn)
    .execute();
  // The rule of what is live per statement and locale, and when its answer next changes.
  const { live, nextChangeAt } = liveByGroup(rows, (r) => `${r.slug}\u0000${r.locale}`, now);
  const localesOf = new Map<string, string[]>();
  for (const r of live.values()) localesOf.set(r.slug, [...(localesOf.get(r.slug) ?? []), r.locale]);
  const wanted = [...live.values()]
    .filter((r) => !filter.locale || r.locale === filter.locale)
    .sort((a, b) => (a.visible_from < b.visible_from ? 1 : a.visible_from > b.visible_from ? -1 : a.slug.localeCompare(b.slug)))
    .slice(0, filter.limit ?? Number.POSITIVE_INFINITY);
  const out: LiveEdition[] = [];
  // Then the content of the wanted ones only, a bounded number at a time.
  for (let i = 0; i < wanted.length; i += 200) {
    const chunk = wanted.slice(i, i + 200);
    const full = await ctx.store.db
      .selectFrom('editions')
      .select(['id', 'hash', 'source_revision', 'published_at', 'visible_from', 'markdown', 'mdast', 'provenance', 'correction'])
      .where('id', 'in', chunk.map((r) => r.id))
      .execute();
    const byId = new Map(full.map((f) => [f.id, f]));
    for (const r of chunk) {
      const f = byId.get(r.id)!;
      const mdast = JSON.parse(f.mdast) as Root;
      const { title, summary } = titleAndSummary(mdast, r.slug);
      out.push({
        id: r.id,
        slug: r.slug,
        locale: r.locale,
        hash: f.hash,
        sourceRevision: f.source_revision,
        publishedAt: f.published_at,
        visibleFrom: f.visible_from,
        markdown: f.markdown,
        mdast,
        provenance: readJsonOrNull('editions.provenance', f.provenance),
        correction: readJsonOrNull('editions.correction', f.correction),
        title,
        summary,
        locales: [...(localesOf.get(r.slug) ?? [])].sort(),
        sourceLocale: r.source_locale,
      });
    }
  }
  // Newest first (then by slug), as `wanted` is ordered.
  return { editions: out, nextChangeAt };
}
