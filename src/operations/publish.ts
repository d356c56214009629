/**
 * Publishes locales of a statement together, in one transaction: each becomes an immutable
 * edition, or none does. A locale is published only when every segment of the current
 * source revision is approved and reassembles without findings. The source locale is
 * published from the source itself. A new edition that replaces a live one carries a
 * correction notice. Webhook deliveries are written in the same transaction (the outbox),
 * due when the edition becomes visible. A publication supersedes every earlier one of its
 * locale, whatever their embargoes: a scheduled edition it overtakes is never released, and
 * the answer says so (`overtakes`).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import { documentsOf, memoized, type DocumentRunner } from '../documents/workers.ts';
import { stripPositions } from '../markdown/inline.ts';
import { toJson } from '../store/json.ts';
import { readJsonOrNull } from '../store/json-columns.ts';
import { latestEditionRow, liveEditionRow, overtakenEditions } from '../store/queries/editions.ts';
import { revisionOf, statementBySlug } from '../store/queries/statements.ts';
import { lockStatement } from '../store/queries/lock.ts';
import { rememberTranslations, type TmRemember } from '../store/queries/tm.ts';
import { requireTranslation, segmentRows } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';
import { requireCan, type Actor } from '../workflow/roles.ts';
import type { Approval, EditionProvenance, ReviewerDisplay } from '../types/edition.ts';
import { isReviewerDisplay, morePrivate } from '../publishing/edition-footer.ts';
import { iso, type OperationContext } from './context.ts';
import { sha256 } from '../hash.ts';
import { machineShareOfRows } from '../quality/machine-share.ts';
import { isBlocking, localeQuality, refuseIfBlocked, type FindingView } from './quality.ts';
import { cancelPendingDeliveries, enqueueEvent } from '../webhooks/enqueue.ts';
import { announceChange } from '../store/change-feed.ts';

/** A scheduled edition a publication overtook: it will not be released. */
export interface Overtaken {
  editionId: string;
  locale: string;
  visibleFrom: string;
}

export interface PublishInput {
  slug: string;
  locales: readonly string[];
  embargoUntil?: string;
  /** Publishes past the unreviewed-machine-text gate (over 95%), with the reason recorded. */
  override?: { reason: string };
  /** What a correction changed, in the publisher's words (shown with the correction notice). */
  correctionNote?: string;
}

export async function publish(ctx: OperationContext, actor: Actor, input: PublishInput) {
  const readAt = iso(ctx);
  const embargo = parseEmbargo(input.embargoUntil);
  const locales = [...new Set(input.locales.map(canonicalLocale))];
  if (locales.length === 0) throw new DomainError('validation_failed', 'Name at least one locale to publish', { field: 'locales', problem: 'at least one locale', issue: { code: 'too_small', origin: 'array', minimum: 1, inclusive: true } });
  for (const locale of locales) requireCan(actor, 'publish', locale);
  const shareOverride = input.override?.reason?.trim() ? { actor, reason: input.override.reason.trim(), at: readAt } : undefined;
  // The document work (quality, reassembly, correction notices) is done first, outside the
  // write transaction (SQLite has one connection); the transaction builds the editions again
  // from what it reads, and waits on a worker only for what changed meanwhile.
  const documents = memoized(documentsOf(ctx));
  const build = async (db: Db, statement: Statement, revision: Revision, locale: string, at: string) => {
    const built = locale === statement.source_locale ? sourceEdition(revision) : await translatedEdition(ctx, documents, db, statement, revision, locale, shareOverride);
    const hash = sha256(built.markdown);
    const previous = await latestEditionRow(db, statement.id, locale);
    // The edition this one replaces when readers first see it: live now, or, under an embargo,
    // the one that will be live then (another scheduled edition may go live before).
    const live = await liveEditionRow(db, statement.id, locale, embargo !== null && embargo > at ? embargo : at);
    // A correction is dated when readers see it (the end of its embargo, if any); the notice is
    // worked out without its date, so that the one made before the transaction serves in it.
    const notice = live && live.hash !== hash
      ? await documents.run('correction', { previous: { id: live.id, markdown: live.markdown }, markdown: built.markdown, at: '', note: input.correctionNote?.trim() || null, frontMatterKeys: ctx.frontMatterKeys })
      : null;
    const correction = notice ? { ...notice, at: embargo ?? at } : null;
    return { built, hash, previous, live, correction };
  };
  try {
    const statement = await statementBySlug(ctx.store.db, input.slug);
    const revision = await revisionOf(ctx.store.db, statement.id, statement.current_revision);
    for (const locale of locales) await build(ctx.store.db, statement, revision, locale, readAt);
  } catch {
    // Whatever refuses the publication refuses it again in the transaction.
  }
  return ctx.store.transaction(async (trx) => {
    // Publishers of one statement queue on its row (PostgreSQL; SQLite has one writer at a
    // time): each reads the editions the one before it made, so two cannot both supersede the
    // same edition, nor both publish the same text. The time is read once the lock is held, so
    // that an edition is never dated before the one it supersedes.
    const statement = await lockStatement(trx, ctx.store.dialect, input.slug);
    const at = iso(ctx);
    const revision = await revisionOf(trx, statement.id, statement.current_revision);
    const editions = [];
    const remembered: TmRemember[] = [];
    for (const locale of locales) {
      const { built, hash, previous, live, correction } = await build(trx, statement, revision, locale, at);
      // Nothing to do when the same text is live already; a scheduled one with the same text
      // is not live, so publishing now makes a new, visible edition.
      if (live && live.hash === hash && !embargo && previous?.id === live.id) {
        editions.push({ ...live, created: false, findings: built.findings, overtakes: [] as Overtaken[] });
        continue;
      }
      const row = {
        id: randomUUID(),
        statement_id: statement.id,
        locale,
        source_revision: revision.number,
        markdown: built.markdown,
        mdast: toJson(built.tree),
        hash,
        approvals: toJson(built.approvals),
        provenance: toJson(built.provenance),
        supersedes: previous?.id ?? null,
        embargo_until: embargo,
        published_at: at,
        visible_from: embargo ?? at,
        published_by: actor.id,
        correction: correction ? toJson(correction) : null,
      };
      await trx.insertInto('editions').values(row).execute();
      // Published last, this edition supersedes the scheduled ones of its locale due at or
      // after its own time: they never go live, and their announcements are cancelled.
      const overtaken = await overtakenEditions(trx, statement.id, locale, row, at);
      for (const o of overtaken) await cancelPendingDeliveries(trx, o.id);
      await enqueueEvent(trx, correction ? 'edition.corrected' : 'edition.published', {
        slug: statement.slug, locale, editionId: row.id, hash, sourceRevision: revision.number, publishedAt: at, visibleFrom: row.visible_from,
        path: `/published/${statement.slug}/${locale}`, ...(correction ? { correction } : {}),
      }, at, row.visible_from);
      if (locale !== statement.source_locale) {
        for (const s of built.texts) remembered.push({ sourceLocale: statement.source_locale, targetLocale: locale, sourceText: s.source, targetText: s.target, origin: 'published', at });
      }
      editions.push({ ...row, created: true, findings: built.findings, overtakes: overtaken.map((o) => ({ editionId: o.id, locale, visibleFrom: o.visible_from })) });
    }
    // Every published text of every locale into translation memory, in one statement per 500.
    await rememberTranslations(trx, remembered);
    // Every instance reads the statement's live editions again once this commits.
    await announceChange(ctx.store, trx, { kind: 'editions', slug: statement.slug });
    return { slug: statement.slug, editions };
  });
}

function parseEmbargo(value: string | undefined): string | null {
  if (value === undefined || value === null) return null;
  const time = Date.parse(value);
  if (typeof value !== 'string' || Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new DomainError('embargo_invalid', `Not an ISO 8601 date and time: ${JSON.stringify(value)}`, { field: 'embargoUntil' });
  }
  return new Date(time).toISOString();
}

type Revision = Awaited<ReturnType<typeof revisionOf>>;
type Statement = Awaited<ReturnType<typeof statementBySlug>>;

function sourceEdition(revision: Revision) {
  const tree = stripPositions(JSON.parse(revision.mdast));
  const provenance: EditionProvenance = {
    source: true, sourceRevision: revision.number, segments: revision.segmentList.length,
    machineAssistedShare: 0, unreviewedMachineShare: 0, engines: [], reviewers: [], approvedAt: null,
  };
  return { markdown: revision.markdown, tree, approvals: [] as Approval[], provenance, texts: [] as { source: string; target: string }[], findings: [] as FindingView[] };
}

async function translatedEdition(
  ctx: OperationContext,
  documents: DocumentRunner,
  db: Db,
  statement: { id: string; slug: string; source_locale: string; collection: string | null },
  revision: Revision,
  locale: string,
  shareOverride: { actor: Actor; reason: string; at: string } | undefined,
) {
  const translation = await requireTranslation(db, statement.id, locale, statement.slug);
  const rows = await segmentRows(db, translation.id, revision.number);
  const unapproved = rows.filter((r) => r.state !== 'approved').map((r) => ({ segmentId: r.segment_id, state: r.state }));
  if (unapproved.length > 0) {
    throw new DomainError('not_ready_to_publish', `${locale}: ${unapproved.length} segment(s) are not approved`, { locale, segments: unapproved });
  }
  // Quality gate: every fatal finding fixed or overridden; the machine-share gate may be passed here with a reason.
  // The edition is reassembled once, where the edition rules judge it (documents/tasks.ts), and that one is stored.
  const quality = await localeQuality(db, { statement, revision, translationId: translation.id, locale, rows, frontMatterKeys: ctx.frontMatterKeys, frontMatterLocaleKeys: ctx.frontMatterLocaleKeys, documents }, { keepEdition: true });
  const editionFindings = quality.edition.map((f) => {
    if (!shareOverride || f.rule !== 'machine-share' || !isBlocking(f)) return f;
    return { ...f, overridden: { reason: shareOverride.reason, by: shareOverride.actor.name, at: shareOverride.at } };
  });
  const all = [...[...quality.segments.values()].flat(), ...editionFindings];
  refuseIfBlocked(all, { locale });
  // The publisher's reason holds for this publication only: it is recorded in the edition's provenance.
  const overrides = all.filter((f) => f.overridden).map((f) => ({ rule: f.rule, segmentId: f.segmentId ?? null, ...f.overridden! }));
  // With the locale's own link targets in place of the source's (segment ids do not depend on URLs).
  const result = quality.reassembly!;
  if (result.findings.length > 0) {
    throw new DomainError('not_ready_to_publish', `${locale}: ${result.findings.length} segment(s) do not reassemble`, { locale, findings: result.findings });
  }
  const { approvals, displays } = await approvalsOf(db, translation.id, rows.map((r) => r.segment_id));
  const engines = new Set<string>();
  for (const r of rows) {
    const p = readJsonOrNull('translation_segments.machine_provenance', r.machine_provenance);
    if (p) engines.add(p.engine);
  }
  const shares = machineShareOfRows(rows);
  const provenance: EditionProvenance = {
    source: false,
    sourceRevision: revision.number,
    segments: rows.length,
    machineAssistedShare: shares.assistedShare,
    unreviewedMachineShare: shares.unreviewedShare,
    engines: [...engines].sort(),
    reviewers: [...new Set(approvals.map((a) => a.reviewer))].sort(),
    // Each reviewer's own display choice as it is now: the edition keeps it whatever they choose later.
    ...(Object.keys(displays).length > 0 ? { reviewerDisplays: displays } : {}),
    approvedAt: approvals.reduce<string | null>((max, a) => (max === null || a.at > max ? a.at : max), null),
    overrides,
  };
  const sourceText = new Map(revision.segmentList.map((s) => [s.id, s.text]));
  const texts = rows.map((r) => ({ source: sourceText.get(r.segment_id) ?? '', target: r.text ?? '' }));
  // What did not block is reported with the edition: warnings, and what was overridden.
  return { markdown: result.markdown, tree: result.tree, approvals, provenance, texts, findings: all.filter((f) => !isBlocking(f)) };
}

/**
 * The latest approval of each segment (in any revision: unchanged segments keep theirs), and
 * the display choices (users.reviewer_display) of their reviewers, by name; two reviewers of
 * one name are shown as the more private of their choices.
 */
async function approvalsOf(db: Db, translationId: string, segmentIds: readonly string[]): Promise<{ approvals: Approval[]; displays: Record<string, ReviewerDisplay> }> {
  const rows = await db
    .selectFrom('reviews')
    .innerJoin('users', 'users.id', 'reviews.reviewer')
    .select(['reviews.segment_id', 'reviews.reviewer', 'users.name', 'users.reviewer_display', 'reviews.at'])
    .where('reviews.translation_id', '=', translationId)
    .where('reviews.decision', '=', 'approve')
    .where('reviews.segment_id', 'is not', null)
    .orderBy('reviews.at', 'asc')
    .execute();
  const latest = new Map<string, Approval>();
  const chosen = new Map<string, ReviewerDisplay | null>();
  for (const r of rows) {
    latest.set(r.segment_id!, { segmentId: r.segment_id!, reviewerId: r.reviewer, reviewer: r.name, at: r.at });
    chosen.set(r.reviewer, isReviewerDisplay(r.reviewer_display) ? r.reviewer_display : null);
  }
  const approvals = segmentIds.flatMap((id) => latest.get(id) ?? []);
  const displays: Record<string, ReviewerDisplay> = {};
  for (const a of approvals) {
    const own = chosen.get(a.reviewerId);
    if (own) displays[a.reviewer] = Object.hasOwn(displays, a.reviewer) ? morePrivate(displays[a.reviewer]!, own) : own;
  }
  return { approvals, displays };
}
