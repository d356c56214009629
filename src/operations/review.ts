/**
 * A reviewer's decision on segments or on a whole locale: approve, or request changes.
 * A decision names what it decides: the version of each segment as the reviewer read it, or
 * (for the whole locale) the translation's ETag; a segment changed since answers
 * `version_conflict` and nothing is recorded. An approval must name them
 * (`precondition_required`). Four-eyes: nobody approves a segment, or a locale, whose
 * current text they wrote at any point of its history (src/workflow/four-eyes.ts). A fatal
 * quality finding (not overridden) blocks approval of its segment.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { rememberTranslations } from '../store/queries/tm.ts';
import { segmentRows, segmentRowsOf } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';
import { authorsOfCurrentText } from '../workflow/four-eyes.ts';
import { requireCan, type Actor } from '../workflow/roles.ts';
import { applySegmentEvents, onlyDraftedSinceAll } from './apply-segment-event.ts';
import { iso, type OperationContext } from './context.ts';
import { loadTranslation } from './load-translation.ts';
import { localeQuality, refuseIfBlocked } from './quality.ts';
import { ifMatchNamesTag, translationTag } from './translation-tag.ts';
import { commentRows, storeComments } from './segment-comments.ts';

export interface ReviewInput {
  slug: string;
  locale: string;
  decision: 'approve' | 'request_changes';
  /** The segments decided; none: the whole locale. */
  segments?: readonly string[];
  /** Segment id → the version the reviewer read: every segment decided (the whole locale: every segment). */
  versions?: Readonly<Record<string, number>>;
  /** Instead of `versions`: the translation's ETag as GET …/translations/{locale} sent it (If-Match). */
  ifMatch?: string;
  comment?: string;
}

type Row = Awaited<ReturnType<typeof segmentRows>>[number];

/**
 * Refuses unless the decision names the versions it decides, as they still are: `versions` for
 * each decided segment (any other named segment is checked too), or `ifMatch` for the whole
 * translation. Required to approve; checked when given to request changes.
 */
async function requireVersionsRead(db: Db, input: ReviewInput, rows: readonly Row[], decided: readonly Row[], revision: number): Promise<void> {
  const byId = new Map(rows.map((r) => [r.segment_id, r]));
  for (const id of Object.keys(input.versions ?? {})) {
    if (!byId.has(id)) throw new DomainError('segment_not_found', `No segment ${id} in this translation`, { segmentId: id });
  }
  if (input.ifMatch !== undefined) {
    const tag = translationTag(revision, rows.map((r) => r.version));
    if (!ifMatchNamesTag(input.ifMatch, tag)) {
      throw new DomainError('version_conflict', `The translation changed since it was read: it is at ${tag}`, { field: 'If-Match', version: tag, segments: [] });
    }
  }
  const versions = input.versions ?? {};
  if (input.ifMatch === undefined && input.decision === 'approve') {
    const missing = decided.filter((r) => !Object.hasOwn(versions, r.segment_id)).map((r) => r.segment_id);
    if (missing.length > 0) {
      throw new DomainError('precondition_required', `Name the version of each segment approved (${missing.length} missing), or send If-Match with the translation's ETag`, { field: 'versions', segments: missing });
    }
  }
  const changed: { segmentId: string; read: number; version: number; state: string; text: string | null }[] = [];
  const read = Object.entries(versions).map(([id, version]) => ({ row: byId.get(id)!, version }));
  // A machine draft put beside the text since (text and state unchanged) is no change of what was read (one query for all).
  const drafted = await onlyDraftedSinceAll(db, read);
  for (const { row, version } of read) {
    if (row.version === version || drafted.has(row.segment_id)) continue;
    changed.push({ segmentId: row.segment_id, read: version, version: row.version, state: row.state, text: row.text });
  }
  if (changed.length > 0) {
    const first = changed[0]!;
    throw new DomainError('version_conflict', `${changed.length} segment(s) changed since they were read`, { segmentId: first.segmentId, version: first.version, segments: changed });
  }
}

/** Segment id → who wrote its current text (every edit in its history that produced it). */
async function authorsOf(db: Db, translationId: string, rows: readonly Row[]) {
  const history = await db
    .selectFrom('segment_history')
    .select(['revision', 'segment_id', 'version', 'event', 'text', 'actor', 'comment'])
    .where('translation_id', '=', translationId)
    .where('event', 'in', ['edit', 'source_changed'])
    .execute();
  return authorsOfCurrentText(rows, history);
}

/** Of the authors by segment, the segments `actorId` wrote: four-eyes keeps them from approving these. */
function writtenBy(authors: ReadonlyMap<string, ReadonlySet<string>>, actorId: string): string[] {
  return [...authors].filter(([, who]) => who.has(actorId)).map(([id]) => id);
}

/**
 * Of the named segments of a locale, those whose current text `actor` wrote, by the rule an
 * approval applies (four-eyes by authorship): the review page marks them before the
 * reviewer tries. Reads only.
 */
export async function segmentsWrittenBy(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; segments: readonly string[] }): Promise<Set<string>> {
  if (input.segments.length === 0) return new Set();
  const db = ctx.store.db;
  const { translation, revision } = await loadTranslation(db, input.slug, input.locale);
  const rows = await segmentRowsOf(db, translation.id, revision.number, input.segments);
  return new Set(writtenBy(await authorsOf(db, translation.id, rows), actor.id));
}

export async function review(ctx: OperationContext, actor: Actor, input: ReviewInput) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { statement, translation, revision, locale } = await loadTranslation(trx, input.slug, input.locale);
    requireCan(actor, 'review', locale);
    const rows = await segmentRows(trx, translation.id, revision.number);
    const wholeLocale = !input.segments || input.segments.length === 0;
    const byId = new Map(rows.map((r) => [r.segment_id, r]));
    let targets = wholeLocale ? rows : [...new Set(input.segments)].map((id) => {
      const row = byId.get(id);
      if (!row) throw new DomainError('segment_not_found', `No segment ${id} in this translation`, { segmentId: id });
      return row;
    });

    await requireVersionsRead(trx, input, rows, targets, revision.number);

    if (input.decision === 'approve') {
      const authors = await authorsOf(trx, translation.id, wholeLocale ? rows : targets);
      const own = writtenBy(authors, actor.id);
      if (own.length > 0) {
        throw new DomainError('four_eyes', `${actor.name} wrote ${own.length} of these segments and cannot approve them`, { segments: own });
      }
      if (wholeLocale) {
        const pending = rows.filter((r) => r.state !== 'translated' && r.state !== 'approved').map((r) => ({ segmentId: r.segment_id, state: r.state }));
        if (pending.length > 0) throw new DomainError('not_ready_to_approve', `${pending.length} segment(s) are not ready for approval`, { segments: pending });
        targets = rows.filter((r) => r.state === 'translated');
      }
      // Fatal quality findings block approval until fixed or overridden with a reason.
      const quality = await localeQuality(trx, { statement, revision, translationId: translation.id, locale, rows, frontMatterKeys: ctx.frontMatterKeys, documents: ctx.documents }, { edition: false });
      refuseIfBlocked(targets.flatMap((r) => quality.segments.get(r.segment_id) ?? []), { locale });
    } else if (wholeLocale) {
      targets = rows.filter((r) => r.state === 'translated' || r.state === 'approved' || r.state === 'machine');
    }

    // Every decision written together (a few statements whatever the number of segments): the
    // segments and their history, the reviews, what approval teaches translation memory.
    const sourceText = new Map(revision.segmentList.map((s) => [s.id, s.text]));
    const event = input.decision === 'approve' ? 'approve' : 'request_changes';
    const updated = await applySegmentEvents(
      trx,
      targets.map((row) => ({ change: { translationId: translation.id, revision: revision.number, segmentId: row.segment_id, event, actor: actor.id, comment: input.comment, at }, row })),
    );
    const decided = updated.map((r) => r.segment_id);
    const reviews = decided.map((segmentId) => ({ id: randomUUID(), translation_id: translation.id, revision: revision.number, segment_id: segmentId as string | null, decision: input.decision, comment: input.comment ?? null, reviewer: actor.id, at }));
    if (wholeLocale) reviews.push({ id: randomUUID(), translation_id: translation.id, revision: revision.number, segment_id: null, decision: input.decision, comment: input.comment ?? null, reviewer: actor.id, at });
    // 8 columns a row: 4,000 parameters a statement.
    for (let i = 0; i < reviews.length; i += 500) await trx.insertInto('reviews').values(reviews.slice(i, i + 500)).execute();
    // A "request changes" comment reaches the translator: in the thread of each segment named, else the general thread.
    if (input.decision === 'request_changes' && input.comment) {
      const threads = wholeLocale ? [null] : [...new Set(input.segments)];
      await storeComments(trx, commentRows({ translationId: translation.id, revision: revision.number, segmentIds: threads, kind: 'request_changes', text: input.comment, actor, locale, at }));
    }
    if (event === 'approve') {
      await rememberTranslations(
        trx,
        updated.filter((r) => r.text).map((r) => ({ sourceLocale: statement.source_locale, targetLocale: locale, sourceText: sourceText.get(r.segment_id) ?? '', targetText: r.text!, origin: 'approved' as const, at })),
      );
    }
    return { locale, decision: input.decision, segments: decided };
  });
}
