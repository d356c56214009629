/** Read side: statements with per-locale progress, one translation segment by segment, editions. */
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import type { Provenance } from '../mt/provider.ts';
import { readJsonOrNull } from '../store/json-columns.ts';
import { liveEditionRow, notWithdrawn } from '../store/queries/editions.ts';
import { fuzzyMatchesOf, normaliseForTm, type TmMatch } from '../store/queries/tm.ts';
import { statementBySlug, type StoredSegment } from '../store/queries/statements.ts';
import { requireTranslation, segmentRows, segmentRowsOf } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';
import { segmentStates, type SegmentState } from '../workflow/transitions.ts';
import { targetStatement } from './load-translation.ts';
import { previousSources } from './previous-source.ts';
import { tagOf } from './translation-tag.ts';
import { pageQuality, type FindingView } from './quality.ts';
import { qualityCacheOf } from './quality-cache.ts';
import { listItemSegments, revisionHead, revisionMarkdown } from './revision-cache.ts';
import { threadsOf, type SegmentComment } from './segment-comments.ts';
import { historiesOf, type SegmentHistoryEntry } from './segment-history.ts';
import { segmentContexts, type SegmentContext } from './segment-context.ts';
import { iso, type OperationContext } from './context.ts';

export type Progress = Record<SegmentState, number> & { total: number; published: boolean };

/**
 * Per-locale progress of some statements (a page: listing, search), in one query whatever
 * their number or the number of statements stored: the segments per state of each locale at
 * the statement's current revision, and (its second part) the locales with a live edition.
 * Each part starts from the statements named (primary key, then `translations_locale` and
 * `translation_segments_progress`; `editions_published`) and reads indexes only: its cost is
 * the page's, not the table's (docs/domain.md, "Listing").
 */
export async function progressOf(db: Db, statementIds: readonly string[], at: string) {
  if (statementIds.length === 0) return new Map<string, Record<string, Progress>>();
  const rows = await db
    .selectFrom('statements')
    .innerJoin('translations', 'translations.statement_id', 'statements.id')
    .innerJoin('translation_segments', (join) =>
      join.onRef('translation_segments.translation_id', '=', 'translations.id').onRef('translation_segments.revision', '=', 'statements.current_revision'),
    )
    .select(['translations.statement_id', 'translations.locale'])
    .select((eb) => [eb.cast<string | null>('translation_segments.state', 'text').as('state'), eb.fn.countAll<number>().as('n')])
    // Named on the statements themselves, so that each database starts from their primary key.
    .where('statements.id', 'in', statementIds)
    .groupBy(['translations.statement_id', 'translations.locale', 'translation_segments.state'])
    .unionAll(
      db
        .selectFrom('editions')
        .select(['editions.statement_id', 'editions.locale'])
        .select((eb) => [eb.cast<string | null>(eb.val(null), 'text').as('state'), eb.fn.countAll<number>().as('n')])
        .where('editions.statement_id', 'in', statementIds)
        .where('editions.visible_from', '<=', at)
        .where(notWithdrawn)
        .groupBy(['editions.statement_id', 'editions.locale']),
    )
    .execute();
  const out = new Map<string, Record<string, Progress>>();
  const entry = (statementId: string, locale: string) => {
    const byLocale = out.get(statementId) ?? {};
    out.set(statementId, byLocale);
    byLocale[locale] ??= { ...(Object.fromEntries(segmentStates.map((s) => [s, 0])) as Record<SegmentState, number>), total: 0, published: false };
    return byLocale[locale]!;
  };
  for (const r of rows) {
    const p = entry(r.statement_id, r.locale);
    // The second part's rows (no state): the locale has a live edition.
    if (r.state === null) {
      p.published = true;
      continue;
    }
    p[r.state as SegmentState] += Number(r.n);
    p.total += Number(r.n);
  }
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
  // The page (from the index on created_at, id: 21 rows however many statements) and the count,
  // at once: on PostgreSQL each takes its own pooled connection, so the count (the one part
  // that reads every statement, from an index: well under a millisecond at 10,000) overlaps
  // the page; then the page's progress in one query (progressOf).
  const [fetched, counted] = await Promise.all([query.execute(), db.selectFrom('statements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  const rows = fetched.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor = fetched.length > limit && last ? encodeCursor(last) : null;
  const total = Number(counted.n);
  const progress = await progressOf(db, rows.map((r) => r.id), iso(ctx));
  return {
    total,
    limit,
    offset,
    nextCursor,
    statements: rows.map((r) => statementSummary(r, progress)),
  };
}

/** A statement as lists and searches show it: its current title and each locale's progress. */
export function statementSummary(
  r: { id: string; slug: string; title: string | null; source_locale: string; current_revision: number; created_at: string; updated_at: string },
  progress: Map<string, Record<string, Progress>>,
) {
  return {
    slug: r.slug,
    title: r.title,
    sourceLocale: r.source_locale,
    revision: r.current_revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    locales: progress.get(r.id) ?? {},
  };
}

export async function getStatement(ctx: OperationContext, slug: string) {
  const statement = await statementBySlug(ctx.store.db, slug);
  // The segment list parsed once per revision; the tree is not read.
  const revision = await revisionHead(ctx.store.db, statement.id, statement.current_revision);
  const progress = await progressOf(ctx.store.db, [statement.id], iso(ctx));
  return {
    slug: statement.slug,
    title: revision.title,
    sourceLocale: statement.source_locale,
    collection: statement.collection,
    revision: revision.number,
    markdown: await revisionMarkdown(ctx.store.db, revision.id),
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
  /** Stale segments: the source text their kept text was written for (else null). */
  previousSource: string | null;
  machine: string | null;
  machineProvenance: Provenance | null;
  text: string | null;
  state: SegmentState;
  version: number;
  lastEditor: string | null;
  findings: FindingView[];
  /** Fuzzy translation-memory matches (≥ 0.75), when asked for. */
  suggestions?: TmMatch[];
  /** What the segment is and where it stands, and its twins (same source text): segment-context.ts. */
  context: SegmentContext;
  /** The segment's comment thread, oldest first, when asked for (segment-comments.ts). */
  comments?: SegmentComment[];
  /** The segment's versions, newest first, when asked for (segment-history.ts). */
  history?: SegmentHistoryEntry[];
}

/** Segments a page of GET …/translations/{locale} holds: by default, at most. */
export const segmentPageLimits = { default: 200, max: 1000 } as const;

/** Which segments to read: a page (`limit`, then `cursor` or `offset`), or named ones (`segmentIds`); none of these: every segment. */
export interface SegmentSelection {
  limit?: number;
  offset?: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
  segmentIds?: readonly string[];
}

/** A segment page position: after the segment at `position` in source revision `revision`. */
function encodeSegmentCursor(revision: number, position: number): string {
  return Buffer.from(`${revision}|${position}`).toString('base64url');
}

/** The offset a cursor continues at; a cursor of another source revision is refused (its positions name other segments). */
function decodeSegmentCursor(cursor: string, revision: number): number {
  const m = /^(\d+)\|(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new DomainError('input_unreadable', 'Not a valid page cursor', { field: 'cursor' });
  if (Number(m[1]) !== revision) throw new DomainError('revision_conflict', `The cursor is for revision ${m[1]}; the source is at revision ${revision}`, { revision, field: 'cursor' });
  return Number(m[2]) + 1;
}

/**
 * One locale segment by segment; `suggestions`: fuzzy TM matches for segments without human
 * text; `edition: false`: without the edition findings (a caller showing one segment). With a
 * page (or named segments) only those segments are read and judged by the segment rules;
 * what concerns the locale as a whole is in every answer: `total`, the segments per state
 * (`states`), `tag` (translation-tag.ts) and the edition findings. The edition rules need
 * every text: the one whole-document part of the work, done again only when something they
 * read changed (the findings are kept in the process: quality-cache.ts); the rest of a page's
 * work is the page's (the revision's segment list is parsed once, the locale's counts are
 * counted by the database).
 */
export async function getTranslation(ctx: OperationContext, slug: string, localeTag: string, options: { suggestions?: boolean; edition?: boolean; comments?: boolean; history?: boolean } & SegmentSelection = {}) {
  const db = ctx.store.db;
  const { locale, statement } = await targetStatement(db, slug, localeTag);
  const revision = await revisionHead(db, statement.id, statement.current_revision);
  const translation = await requireTranslation(db, statement.id, locale, slug);
  const total = revision.segmentList.length;
  const paged = options.limit !== undefined || options.offset !== undefined || options.cursor !== undefined;
  const limit = paged ? Math.min(Math.max(options.limit ?? segmentPageLimits.default, 1), segmentPageLimits.max) : total;
  const offset = options.cursor ? decodeSegmentCursor(options.cursor, revision.number) : paged ? Math.max(options.offset ?? 0, 0) : 0;
  let pageSegments = revision.segmentList.slice(offset, offset + limit);
  if (options.segmentIds) {
    const wanted = new Set(options.segmentIds);
    pageSegments = revision.segmentList.filter((s) => wanted.has(s.id));
  }
  // The locale's counts per state and its versions (the tag), counted by the database; the page's rows in full.
  const { states, versions } = await countsOf(db, translation.id, revision.number);
  const rowList = !paged && !options.segmentIds ? await segmentRows(db, translation.id, revision.number) : await segmentRowsOf(db, translation.id, revision.number, pageSegments.map((s) => s.id));
  const rows = new Map(rowList.map((r) => [r.segment_id, r]));
  // The segment rules run on this page's segments; the edition rules on every row (both kept: quality-cache.ts).
  const quality = await pageQuality(
    db,
    { statement, revision, translationId: translation.id, locale, segments: pageSegments, rows, versions, frontMatterKeys: ctx.frontMatterKeys, documents: ctx.documents, cache: qualityCacheOf(ctx) },
    { edition: options.edition !== false },
  );
  const previous = await previousSources(db, statement.id, revision, translation.id, rowList);
  const contexts = segmentContexts(revision.segmentList, await listItemSegments(db, revision));
  const segments: TranslationSegmentView[] = pageSegments.map((s) => {
    const r = rows.get(s.id);
    if (!r) throw new DomainError('segment_not_found', `Segment ${s.id} has no row`, { segmentId: s.id });
    const findings = quality.segments.get(s.id) ?? [];
    return {
      id: s.id,
      kind: s.kind,
      source: s.text,
      previousSource: previous.get(s.id) ?? null,
      machine: r.machine_text,
      machineProvenance: readJsonOrNull('translation_segments.machine_provenance', r.machine_provenance),
      text: r.text,
      state: r.state,
      version: r.version,
      lastEditor: r.last_editor,
      findings,
      context: contexts.get(s.id)!,
    };
  });
  if (options.suggestions) {
    // Every segment of the page that needs text, in one query (fuzzyMatchesOf).
    const wanting = segments.filter((s) => s.state === 'untranslated' || s.state === 'machine' || s.state === 'stale');
    const found = await fuzzyMatchesOf(db, statement.source_locale, locale, wanting.map((s) => s.source));
    for (const s of wanting) s.suggestions = (found.get(normaliseForTm(s.source)) ?? []).slice(0, 3);
  }
  // The threads (pages only: the API has GET …/comments): each segment's beside it, the general one on the translation.
  const threads = options.comments ? await threadsOf(db, translation.id, locale) : undefined;
  if (threads) for (const s of segments) s.comments = threads.segments[s.id] ?? [];
  // The page's histories (pages only: the API has GET …/segments/{id}/history), read together, not one query a segment.
  if (options.history) {
    const histories = await historiesOf(db, translation.id, revision.number, segments.map((s) => s.id));
    for (const s of segments) s.history = histories.get(s.id) ?? [];
  }
  return {
    ...(threads ? { comments: threads.general } : {}),
    slug,
    locale,
    sourceLocale: statement.source_locale,
    revision: revision.number,
    submittedAt: translation.submitted_at,
    submittedRevision: translation.submitted_revision,
    /** Segments in the locale (every page). */
    total,
    limit,
    offset,
    /** The next page's cursor; null on the last page (and when not paged). */
    nextCursor: paged && !options.segmentIds && offset + segments.length < total && segments.length > 0 ? encodeSegmentCursor(revision.number, offset + segments.length - 1) : null,
    /** Segments of the whole locale in each state. */
    states,
    /** Names the texts of the whole locale (source revision, sum and count of versions). */
    tag: tagOf(revision.number, versions),
    segments,
    /** Findings about the whole edition (structure, links, share of unreviewed machine text). */
    findings: quality.edition,
  };
}

/** A translation's segments per state, and the sum and count of their versions, at a revision. */
async function countsOf(db: Db, translationId: string, revision: number) {
  const counted = await db
    .selectFrom('translation_segments')
    .select('state')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('version').as('versions')])
    .where('translation_id', '=', translationId)
    .where('revision', '=', revision)
    .groupBy('state')
    .execute();
  const states = Object.fromEntries(segmentStates.map((s) => [s, 0])) as Record<SegmentState, number>;
  const versions = { sum: 0, count: 0 };
  for (const c of counted) {
    states[c.state] += Number(c.n);
    versions.count += Number(c.n);
    versions.sum += Number(c.versions);
  }
  return { states, versions };
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
    provenance: readJsonOrNull('editions.provenance', row.provenance),
    approvals: readJsonOrNull('editions.approvals', row.approvals),
    correction: readJsonOrNull('editions.correction', row.correction),
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
