/** Read side: statements with per-locale progress, one translation segment by segment, editions. */
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { validatePlaceholders } from '../markdown/validate-placeholders.ts';
import type { Provenance } from '../mt/provider.ts';
import { fromJson } from '../store/json.ts';
import { liveEditionRow, notWithdrawn } from '../store/queries/editions.ts';
import { fuzzyMatches, type TmMatch } from '../store/queries/tm.ts';
import { revisionOf, statementBySlug, type StoredSegment } from '../store/queries/statements.ts';
import { requireTranslation, segmentRows } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';
import { segmentStates, type SegmentState } from '../workflow/transitions.ts';
import { loadTarget } from './load-translation.ts';
import { localeQuality, type FindingView } from './quality.ts';
import { iso, type OperationContext } from './context.ts';
import type { EditionProvenance } from './publish.ts';
import type { CorrectionNotice } from '../publishing/correction.ts';

export type Progress = Record<SegmentState, number> & { total: number; published: boolean };

async function progressOf(db: Db, statementIds: readonly string[], at: string) {
  if (statementIds.length === 0) return new Map<string, Record<string, Progress>>();
  const counts = await db
    .selectFrom('translations')
    .innerJoin('statements', 'statements.id', 'translations.statement_id')
    .innerJoin('translation_segments', (join) =>
      join.onRef('translation_segments.translation_id', '=', 'translations.id').onRef('translation_segments.revision', '=', 'statements.current_revision'),
    )
    .select(['translations.statement_id', 'translations.locale', 'translation_segments.state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('translations.statement_id', 'in', statementIds)
    .groupBy(['translations.statement_id', 'translations.locale', 'translation_segments.state'])
    .execute();
  const published = await db
    .selectFrom('editions')
    .select(['statement_id', 'locale'])
    .distinct()
    .where('statement_id', 'in', statementIds)
    .where('visible_from', '<=', at)
    .where(notWithdrawn)
    .execute();
  const out = new Map<string, Record<string, Progress>>();
  const entry = (statementId: string, locale: string) => {
    const byLocale = out.get(statementId) ?? {};
    out.set(statementId, byLocale);
    byLocale[locale] ??= { ...(Object.fromEntries(segmentStates.map((s) => [s, 0])) as Record<SegmentState, number>), total: 0, published: false };
    return byLocale[locale]!;
  };
  for (const c of counts) {
    const p = entry(c.statement_id, c.locale);
    p[c.state as SegmentState] += Number(c.n);
    p.total += Number(c.n);
  }
  for (const p of published) entry(p.statement_id, p.locale).published = true;
  return out;
}

/** A page position: after the statement created at `createdAt` with id `id` (newest first). */
export function encodeCursor(row: { created_at: string; id: string }): string {
  return Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id) throw new DomainError('input_unreadable', 'Not a valid page cursor', { field: 'cursor' });
  return { createdAt, id };
}

/**
 * A page of statements, newest first, with per-locale progress. Page by `cursor` (the
 * previous page's `nextCursor`: as fast on page 500 as on page 1) or by `offset`.
 */
export async function listStatements(ctx: OperationContext, input: { limit?: number; offset?: number; cursor?: string } = {}) {
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 100);
  const offset = input.cursor ? 0 : Math.max(input.offset ?? 0, 0);
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const db = ctx.store.db;
  let query = db
    .selectFrom('statements')
    .innerJoin('source_revisions', (join) =>
      join.onRef('source_revisions.statement_id', '=', 'statements.id').onRef('source_revisions.number', '=', 'statements.current_revision'),
    )
    .select(['statements.id', 'statements.slug', 'statements.source_locale', 'statements.current_revision', 'statements.created_at', 'statements.updated_at', 'source_revisions.title'])
    .orderBy('statements.created_at', 'desc')
    .orderBy('statements.id', 'desc')
    .limit(limit + 1)
    .offset(offset);
  if (after) {
    // A row-value comparison, which both SQLite and PostgreSQL answer from the index.
    query = query.where((eb) => eb(eb.refTuple('statements.created_at', 'statements.id'), '<', eb.tuple(after.createdAt, after.id)));
  }
  const fetched = await query.execute();
  const rows = fetched.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor = fetched.length > limit && last ? encodeCursor(last) : null;
  const total = Number((await db.selectFrom('statements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const progress = await progressOf(db, rows.map((r) => r.id), iso(ctx));
  return {
    total,
    limit,
    offset,
    nextCursor,
    statements: rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      sourceLocale: r.source_locale,
      revision: r.current_revision,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      locales: progress.get(r.id) ?? {},
    })),
  };
}

export async function getStatement(ctx: OperationContext, slug: string) {
  const statement = await statementBySlug(ctx.store.db, slug);
  const revision = await revisionOf(ctx.store.db, statement.id, statement.current_revision);
  const progress = await progressOf(ctx.store.db, [statement.id], iso(ctx));
  return {
    slug: statement.slug,
    title: revision.title,
    sourceLocale: statement.source_locale,
    collection: statement.collection,
    revision: revision.number,
    markdown: revision.markdown,
    contentHash: revision.content_hash,
    segments: revision.segmentList,
    createdAt: statement.created_at,
    updatedAt: statement.updated_at,
    locales: progress.get(statement.id) ?? {},
  };
}

export interface TranslationSegmentView {
  id: string;
  kind: StoredSegment['kind'];
  source: string;
  machine: string | null;
  machineProvenance: Provenance | null;
  text: string | null;
  state: SegmentState;
  version: number;
  lastEditor: string | null;
  findings: FindingView[];
  /** Fuzzy translation-memory matches (≥ 0.75), when asked for. */
  suggestions?: TmMatch[];
}

/** One locale segment by segment; `suggestions`: fuzzy TM matches for segments without human text. */
export async function getTranslation(ctx: OperationContext, slug: string, localeTag: string, options: { suggestions?: boolean } = {}) {
  const db = ctx.store.db;
  const { locale, statement, revision } = await loadTarget(db, slug, localeTag);
  const translation = await requireTranslation(db, statement.id, locale, slug);
  const rowList = await segmentRows(db, translation.id, revision.number);
  const rows = new Map(rowList.map((r) => [r.segment_id, r]));
  const quality = await localeQuality(db, { statement, revision, translationId: translation.id, locale, rows: rowList, frontMatterKeys: ctx.frontMatterKeys });
  const segments: TranslationSegmentView[] = revision.segmentList.map((s) => {
    const r = rows.get(s.id);
    if (!r) throw new DomainError('segment_not_found', `Segment ${s.id} has no row`, { segmentId: s.id });
    const findings = quality.segments.get(s.id) ?? [];
    return {
      id: s.id,
      kind: s.kind,
      source: s.text,
      machine: r.machine_text,
      machineProvenance: fromJson<Provenance>(r.machine_provenance),
      text: r.text,
      state: r.state as SegmentState,
      version: r.version,
      lastEditor: r.last_editor,
      findings,
    };
  });
  if (options.suggestions) {
    for (const s of segments) {
      if (s.state === 'untranslated' || s.state === 'machine' || s.state === 'stale') {
        s.suggestions = (await fuzzyMatches(db, statement.source_locale, locale, s.source)).slice(0, 3);
      }
    }
  }
  return {
    slug,
    locale,
    sourceLocale: statement.source_locale,
    revision: revision.number,
    submittedAt: translation.submitted_at,
    submittedRevision: translation.submitted_revision,
    segments,
    /** Findings about the whole edition (structure, links, share of unreviewed machine text). */
    findings: quality.edition,
  };
}


function editionView(row: { id: string; locale: string; hash: string; source_revision: number; published_at: string; visible_from: string; embargo_until: string | null; supersedes: string | null; provenance: string; approvals: string; correction: string | null }, slug: string) {
  return {
    id: row.id,
    slug,
    locale: row.locale,
    hash: row.hash,
    sourceRevision: row.source_revision,
    publishedAt: row.published_at,
    visibleFrom: row.visible_from,
    embargoUntil: row.embargo_until,
    supersedes: row.supersedes,
    provenance: fromJson<EditionProvenance>(row.provenance),
    approvals: fromJson<unknown[]>(row.approvals),
    correction: fromJson<CorrectionNotice>(row.correction),
  };
}

export async function listEditions(ctx: OperationContext, slug: string) {
  const statement = await statementBySlug(ctx.store.db, slug);
  const rows = await ctx.store.db
    .selectFrom('editions')
    .leftJoin('edition_withdrawals', 'edition_withdrawals.edition_id', 'editions.id')
    .select(['editions.id', 'editions.locale', 'editions.hash', 'editions.source_revision', 'editions.published_at', 'editions.visible_from', 'editions.embargo_until', 'editions.supersedes', 'editions.provenance', 'editions.approvals', 'editions.correction'])
    .select(['edition_withdrawals.at as withdrawn_at', 'edition_withdrawals.reason as withdrawal_reason'])
    .where('editions.statement_id', '=', statement.id)
    .orderBy('editions.published_at', 'asc')
    .orderBy('editions.locale', 'asc')
    .execute();
  return rows.map((r) => ({ ...editionView(r, slug), withdrawnAt: r.withdrawn_at, withdrawalReason: r.withdrawal_reason }));
}

/** The edition readers see now: published, visible (embargo passed), not withdrawn. */
export async function liveEdition(ctx: OperationContext, slug: string, localeTag: string) {
  const locale = canonicalLocale(localeTag);
  const statement = await statementBySlug(ctx.store.db, slug);
  const row = await liveEditionRow(ctx.store.db, statement.id, locale, iso(ctx));
  if (!row) throw new DomainError('edition_not_found', `${slug} has no published ${locale} edition`, { slug, locale });
  return { ...editionView(row, slug), markdown: row.markdown, mdast: JSON.parse(row.mdast) as unknown };
}
