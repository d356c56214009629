/**
 * Stores machine drafts (or translation-memory fills) for segments of a locale. A segment
 * that holds human text (translated, changes requested, approved, stale) keeps its text and
 * state: the draft goes into its machine column, beside the text, for a person to use or
 * not. The drafts are also remembered in translation memory.
 */
import { DomainError } from '../errors.ts';
import type { Provenance } from '../mt/provider.ts';
import { rememberTranslations } from '../store/queries/tm.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { applySegmentEvents } from './apply-segment-event.ts';
import { segmentRows } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';
import { iso, type OperationContext } from './context.ts';
import { loadOrStartTranslation } from './load-translation.ts';

export interface MachineDraft {
  segmentId: string;
  text: string;
  provenance: Provenance;
}

export interface RecordDraftsInput {
  slug: string;
  locale: string;
  drafts: readonly MachineDraft[];
  /** The source revision the drafts were made from; drafts of an older one are refused. */
  revision?: number;
}

/** `actor` null: the service's own draft jobs. */
export async function recordMachineDrafts(ctx: OperationContext, actor: Actor | null, input: RecordDraftsInput) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { statement, revision, translation, locale } = await loadOrStartTranslation(trx, input.slug, input.locale, at);
    if (actor) requireRole(actor, ['translator', 'publisher'], locale);
    if (input.revision !== undefined && input.revision !== revision.number) {
      throw new DomainError('revision_conflict', `The source is at revision ${revision.number}, not ${input.revision}`, { revision: revision.number });
    }
    return storeDrafts(trx, { statement, revision, translation, locale }, input.drafts, actor?.id ?? null, at);
  });
}

type Target = Awaited<ReturnType<typeof loadOrStartTranslation>>;

/**
 * Stores drafts inside the caller's transaction; segments with human text keep it (the draft
 * goes beside). In a few statements whatever the number of drafts: the rows read once, written
 * together with their history, the memory entries in one insert (applySegmentEvents). Two
 * drafts of one segment in one call: the last one counts.
 */
export async function storeDrafts(trx: Db, target: Pick<Target, 'statement' | 'revision' | 'translation' | 'locale'>, drafts: readonly MachineDraft[], actorId: string | null, at: string) {
  const { statement, revision, translation, locale } = target;
  const sourceText = new Map(revision.segmentList.map((s) => [s.id, s.text]));
  const rows = new Map((await segmentRows(trx, translation.id, revision.number)).map((r) => [r.segment_id, r]));
  const last = new Map(drafts.map((d) => [d.segmentId, d]));
  const changes = [...last.values()].map((draft) => {
    const row = rows.get(draft.segmentId);
    if (!row) throw new DomainError('segment_not_found', `No segment ${draft.segmentId} in this translation`, { segmentId: draft.segmentId });
    return {
      change: { translationId: translation.id, revision: revision.number, segmentId: draft.segmentId, event: 'machine_draft' as const, machine: { text: draft.text, provenance: draft.provenance }, actor: actorId, at },
      row,
    };
  });
  await applySegmentEvents(trx, changes);
  await rememberTranslations(
    trx,
    [...last.values()]
      .filter((draft) => draft.provenance.engine !== 'tm' && !draft.provenance.development)
      .map((draft) => ({ sourceLocale: statement.source_locale, targetLocale: locale, sourceText: sourceText.get(draft.segmentId) ?? '', targetText: draft.text, origin: 'machine' as const, at })),
  );
  return { applied: changes.map((c) => c.change.segmentId) };
}
