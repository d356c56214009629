/**
 * The dashboard per locale (issue 16): for every locale being translated, how much of it is
 * translated and approved (segments of every statement at its current revision), what waits
 * for review (segments submitted or translated and not yet approved), and what went stale
 * (segments whose source changed under their text), with the statements concerned. One
 * grouped query, whatever the number of statements (both databases).
 */
import type { SegmentState } from '../workflow/transitions.ts';
import type { Actor } from '../workflow/roles.ts';
import type { OperationContext } from './context.ts';

export interface DashboardStatement {
  slug: string;
  /** Segments in the state the list is about. */
  segments: number;
}

export interface LocaleDashboard {
  locale: string;
  statements: number;
  segments: number;
  /** Translated, approved or waiting for review, in whole percent (rounded down: 100 only when all are). */
  translatedPercent: number;
  approvedPercent: number;
  /** Segments translated and not yet approved (a reviewer's work), by statement. */
  awaitingReview: DashboardStatement[];
  /** Segments whose source changed since their text was written, by statement. */
  stale: DashboardStatement[];
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 100) / whole));

/** Anyone signed in may see it (it shows counts, not text); `actor` proves the sign-in. */
export async function localeDashboard(ctx: OperationContext, actor: Actor): Promise<LocaleDashboard[]> {
  void actor;
  const rows = await ctx.store.db
    .selectFrom('statements')
    .innerJoin('translations', 'translations.statement_id', 'statements.id')
    .innerJoin('translation_segments', (join) =>
      join.onRef('translation_segments.translation_id', '=', 'translations.id').onRef('translation_segments.revision', '=', 'statements.current_revision'),
    )
    .select(['translations.locale', 'statements.slug', 'translation_segments.state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['translations.locale', 'statements.slug', 'translation_segments.state'])
    .execute();
  const byLocale = new Map<string, { slugs: Set<string>; states: Record<string, number>; review: Map<string, number>; stale: Map<string, number> }>();
  for (const r of rows) {
    const n = Number(r.n);
    let l = byLocale.get(r.locale);
    if (!l) byLocale.set(r.locale, (l = { slugs: new Set(), states: {}, review: new Map(), stale: new Map() }));
    l.slugs.add(r.slug);
    l.states[r.state] = (l.states[r.state] ?? 0) + n;
    if (r.state === 'translated') l.review.set(r.slug, (l.review.get(r.slug) ?? 0) + n);
    if (r.state === 'stale') l.stale.set(r.slug, (l.stale.get(r.slug) ?? 0) + n);
  }
  const list = (m: Map<string, number>) => [...m].map(([slug, segments]) => ({ slug, segments })).sort((a, b) => b.segments - a.segments || a.slug.localeCompare(b.slug));
  return [...byLocale]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([locale, l]) => {
      const total = Object.values(l.states).reduce((a, b) => a + b, 0);
      const s = (state: SegmentState) => l.states[state] ?? 0;
      return {
        locale,
        statements: l.slugs.size,
        segments: total,
        translatedPercent: percent(s('translated') + s('approved'), total),
        approvedPercent: percent(s('approved'), total),
        awaitingReview: list(l.review),
        stale: list(l.stale),
      };
    });
}
