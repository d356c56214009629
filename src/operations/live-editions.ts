/**
 * Every live edition (visible, not withdrawn, the newest of its statement and locale), for
 * feeds and the static export: with its title and summary (the first heading and paragraph)
 * and the other live locales of its statement.
 */
import type { Heading, Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { CorrectionNotice } from '../publishing/correction.ts';
import { fromJson } from '../store/json.ts';
import { notWithdrawn } from '../store/queries/editions.ts';
import { iso, type OperationContext } from './context.ts';
import type { EditionProvenance } from './publish.ts';

export interface LiveEdition {
  id: string;
  slug: string;
  locale: string;
  hash: string;
  sourceRevision: number;
  publishedAt: string;
  visibleFrom: string;
  markdown: string;
  mdast: Root;
  provenance: EditionProvenance | null;
  correction: CorrectionNotice | null;
  title: string;
  summary: string;
  /** Every live locale of the statement, this one included, sorted. */
  locales: string[];
}

export async function liveEditions(ctx: OperationContext, filter: { locale?: string } = {}): Promise<LiveEdition[]> {
  const rows = await ctx.store.db
    .selectFrom('editions')
    .innerJoin('statements', 'statements.id', 'editions.statement_id')
    .select(['editions.id', 'statements.slug', 'editions.locale', 'editions.hash', 'editions.source_revision', 'editions.published_at', 'editions.visible_from', 'editions.markdown', 'editions.mdast', 'editions.provenance', 'editions.correction'])
    .where('editions.visible_from', '<=', iso(ctx))
    .where(notWithdrawn)
    .orderBy('editions.visible_from', 'asc')
    .orderBy('editions.published_at', 'asc')
    .execute();
  // Later rows win: the newest visible edition of each statement and locale.
  const live = new Map<string, (typeof rows)[number]>();
  for (const r of rows) live.set(`${r.slug}\u0000${r.locale}`, r);
  const localesOf = new Map<string, string[]>();
  for (const r of live.values()) localesOf.set(r.slug, [...(localesOf.get(r.slug) ?? []), r.locale]);
  const out: LiveEdition[] = [];
  for (const r of live.values()) {
    if (filter.locale && r.locale !== filter.locale) continue;
    const mdast = JSON.parse(r.mdast) as Root;
    const heading = mdast.children.find((n): n is Heading => n.type === 'heading');
    const paragraph = mdast.children.find((n): n is Paragraph => n.type === 'paragraph');
    out.push({
      id: r.id,
      slug: r.slug,
      locale: r.locale,
      hash: r.hash,
      sourceRevision: r.source_revision,
      publishedAt: r.published_at,
      visibleFrom: r.visible_from,
      markdown: r.markdown,
      mdast,
      provenance: fromJson<EditionProvenance>(r.provenance),
      correction: fromJson<CorrectionNotice>(r.correction),
      title: heading ? toString(heading) : r.slug,
      summary: paragraph ? toString(paragraph) : '',
      locales: [...(localesOf.get(r.slug) ?? [])].sort(),
    });
  }
  return out.sort((a, b) => (a.visibleFrom < b.visibleFrom ? 1 : a.visibleFrom > b.visibleFrom ? -1 : a.slug.localeCompare(b.slug)));
}
