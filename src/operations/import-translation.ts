/**
 * A whole translation uploaded as one document (Markdown, or XLIFF already read into texts):
 * every segment whose text differs from the current one is edited, in one transaction, as the
 * uploader. A Markdown document whose structure does not match the source's is refused,
 * naming the first place where they differ; an upload with any text whose placeholders are
 * broken is refused whole (placeholders_broken, naming every such segment), nothing stored.
 * What a Markdown upload changed outside its texts is not taken and named (`notTaken`).
 *
 * An XLIFF upload (1.2 or 2.0, its `version` says) answers per unit (`units`): `updated`
 * (with the findings of its new text), `unchanged` or `refused`, with the reason; the file's
 * state decides whether a target is a translation, and never sets a state above `translated`
 * (approval is a review's: four eyes, versions read). README "Interchange" has the table.
 *
 * An upload never silently replaces newer text (README "Interchange", docs/domain.md):
 * - a unit carrying the version it was exported at (`editions:version`), older than the
 *   segment's now, whose text is not the current one, is refused (`changed_since_export`),
 *   unless every change since was a machine draft put beside the text (onlyDraftedSinceAll);
 * - a text without a version (Markdown; a unit whose tool dropped the attribute) equal to an
 *   earlier text of the segment (its history) but not the current one is refused (`outdated`);
 * - Markdown has no states: a text equal to the current one is unchanged whatever the state
 *   (it confirms no machine draft or stale text), the source's text where the segment has none
 *   is not taken (`source_text`: the export put it there);
 * - an XLIFF unit the file says is not translated (1.2 new/needs-translation, 2.0 initial)
 *   never replaces a text a person wrote (`not_translated_in_file`).
 */
import { DomainError } from '../errors.ts';
import { documentsOf } from '../documents/workers.ts';
import type { XliffUnitIn } from '../interchange/xliff-common.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { canonicalLocale } from '../locale.ts';
import { segmentRows } from '../store/queries/translations.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import type { Db } from '../store/store.ts';
import { applySegmentEvent, onlyDraftedSinceAll, type SegmentRow } from './apply-segment-event.ts';
import { iso, type OperationContext } from './context.ts';
import { loadOrStartTranslation } from './load-translation.ts';
import { getTranslation } from './read-statements.ts';
import { refuseBrokenPlaceholders } from './segment-placeholders.ts';

export async function importTranslationMarkdown(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; markdown: string }) {
  const size = Buffer.byteLength(input.markdown);
  if (size > ctx.maxDocumentBytes) throw new DomainError('input_too_large', `The document is ${size} bytes; the limit is ${ctx.maxDocumentBytes}`, { size, limit: ctx.maxDocumentBytes });
  const statement = await ctx.store.db.selectFrom('statements').innerJoin('source_revisions', (j) => j.onRef('source_revisions.statement_id', '=', 'statements.id').onRef('source_revisions.number', '=', 'statements.current_revision')).select(['source_revisions.markdown']).where('statements.slug', '=', input.slug).executeTakeFirst();
  if (!statement) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(input.slug)}`, { slug: input.slug });
  // Who may upload is known before the document work (checked again in the transaction).
  requireRole(actor, ['translator', 'reviewer'], canonicalLocale(input.locale));
  // Parsed and aligned in a document worker, within the document limits, before the transaction.
  const aligned = await documentsOf(ctx).run('align', { source: statement.markdown, translated: input.markdown, frontMatterKeys: ctx.frontMatterKeys });
  if (!aligned.ok) {
    const m = aligned.mismatch;
    throw new DomainError('structure_mismatch', `The document does not have the source's structure at ${m.path}: expected ${m.expected}, found ${m.found}`, m);
  }
  // What the texts cannot carry (a changed URL, code, a front matter key) is named in the answer: the source's stays.
  return { ...(await importTexts(ctx, actor, { slug: input.slug, locale: input.locale, texts: aligned.texts })), notTaken: aligned.notTaken };
}

/** Why a Markdown upload's text was not taken (the segment's text stays). */
export type SegmentNotTakenReason = 'outdated' | 'source_text';

/** A text as the canonical form writes it (what a file's target is compared in). */
const canonical = (text: string) => xmlCodec.encode(xmlCodec.decode(text).tokens);

/**
 * Of the texts given (segment id → text, none the current one), those equal to an earlier text
 * of their segment in this translation (its history, any revision): one query per 1,000 segments.
 */
async function earlierTexts(db: Db, translationId: string, texts: ReadonlyMap<string, string>): Promise<Set<string>> {
  const out = new Set<string>();
  const ids = [...texts.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    const history = await db
      .selectFrom('segment_history')
      .select(['segment_id', 'text'])
      .distinct()
      .where('translation_id', '=', translationId)
      .where('segment_id', 'in', ids.slice(i, i + 1000))
      .where('text', 'is not', null)
      .execute();
    for (const h of history) if (h.text !== null && texts.get(h.segment_id) === canonical(h.text)) out.add(h.segment_id);
  }
  return out;
}

export async function importTexts(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; texts: ReadonlyMap<string, string> }) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { translation, revision, locale } = await loadOrStartTranslation(trx, input.slug, input.locale, at);
    requireRole(actor, ['translator', 'reviewer'], locale);
    const rows = new Map((await segmentRows(trx, translation.id, revision.number)).map((r) => [r.segment_id, r]));
    for (const segmentId of input.texts.keys()) {
      if (!rows.has(segmentId)) throw new DomainError('segment_not_found', `No segment ${segmentId} in this translation`, { segmentId });
    }
    // Every text of the upload, changed or not, before anything is written.
    refuseBrokenPlaceholders(revision.segmentList, input.texts);
    const sources = new Map(revision.segmentList.map((s) => [s.id, s.text]));
    let unchanged = 0;
    const segmentsNotTaken: { segmentId: string; reason: SegmentNotTakenReason }[] = [];
    // Markdown carries no state: the current text is unchanged whatever the segment's state.
    const changed = new Map<string, string>();
    for (const [segmentId, text] of input.texts) {
      const row = rows.get(segmentId)!;
      if (row.text !== null && canonical(row.text) === canonical(text)) unchanged++;
      else if (row.text === null && canonical(text) === canonical(sources.get(segmentId) ?? '')) segmentsNotTaken.push({ segmentId, reason: 'source_text' });
      else changed.set(segmentId, canonical(text));
    }
    // No version in Markdown: a text this segment had before (not now) is an old copy's.
    const outdated = await earlierTexts(trx, translation.id, changed);
    let updated = 0;
    for (const [segmentId, text] of input.texts) {
      if (!changed.has(segmentId)) continue;
      if (outdated.has(segmentId)) {
        segmentsNotTaken.push({ segmentId, reason: 'outdated' });
        continue;
      }
      const row = rows.get(segmentId)!;
      await applySegmentEvent(trx, { translationId: translation.id, revision: revision.number, segmentId, event: 'edit', text, expectedVersion: row.version, actor: actor.id, at }, row);
      updated++;
    }
    const order = new Map([...input.texts.keys()].map((id, i) => [id, i]));
    segmentsNotTaken.sort((a, b) => order.get(a.segmentId)! - order.get(b.segmentId)!);
    return { locale, revision: revision.number, updated, unchanged, segmentsNotTaken };
  });
}

export type UnitOutcome = 'updated' | 'unchanged' | 'refused';
/** Why a unit was not stored, or was stored below the state its file asked. */
export type UnitReason = 'no_target' | 'not_translated_in_file' | 'segment_not_found' | 'state_capped' | 'changed_since_export' | 'outdated';
export interface UnitAnswer {
  id: string;
  outcome: UnitOutcome;
  /** The segment's state after the upload. */
  state?: string;
  /** The state the file gave its target (1.2 `state`, 2.0 `state`; 1.2 `approved="yes"`: `approved`). */
  fileState?: string;
  reason?: UnitReason;
  findings?: Awaited<ReturnType<typeof getTranslation>>['segments'][number]['findings'];
}

/**
 * An XLIFF 1.2 or 2.0 document as the locale's texts: per unit, what was done and why (see
 * the module's comment); broken placeholders in any target refuse the whole upload
 * (`placeholders_broken`, every such unit named), as every other path.
 */
export async function importTranslationXliff(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; xml: string }) {
  const size = Buffer.byteLength(input.xml);
  if (size > ctx.maxDocumentBytes) throw new DomainError('input_too_large', `The document is ${size} bytes; the limit is ${ctx.maxDocumentBytes}`, { size, limit: ctx.maxDocumentBytes });
  const exists = await ctx.store.db.selectFrom('statements').select('id').where('slug', '=', input.slug).executeTakeFirst();
  if (!exists) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(input.slug)}`, { slug: input.slug });
  const locale = canonicalLocale(input.locale);
  requireRole(actor, ['translator', 'reviewer'], locale);
  // Parsed in a document worker (its time limit and queue), off the event loop.
  const doc = await documentsOf(ctx).run('xliff', { xml: input.xml, slug: input.slug, targetLocale: locale });
  const result = await importUnits(ctx, actor, { slug: input.slug, locale: input.locale, units: doc.units });
  // The findings of what was updated (read after the transaction: the quality rules see the stored texts).
  const updatedIds = result.units.filter((u) => u.outcome === 'updated').map((u) => u.id);
  const findings = new Map<string, UnitAnswer['findings']>();
  for (let i = 0; i < updatedIds.length; i += 1000) {
    const page = await getTranslation(ctx, input.slug, input.locale, { segmentIds: updatedIds.slice(i, i + 1000), edition: false });
    for (const s of page.segments) findings.set(s.id, s.findings);
  }
  return { ...result, version: doc.version, units: result.units.map((u) => (u.outcome === 'updated' ? { ...u, findings: findings.get(u.id) ?? [] } : u)) };
}

const confirmable = new Set(['untranslated', 'machine', 'stale']);

/** A text a person wrote or confirmed (not a machine draft, not the source's own copy of a segment of numbers or codes). */
const personsText = (row: SegmentRow) => row.text !== null && row.last_editor !== null;

async function importUnits(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; units: readonly XliffUnitIn[] }) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { translation, revision, locale } = await loadOrStartTranslation(trx, input.slug, input.locale, at);
    requireRole(actor, ['translator', 'reviewer'], locale);
    const rows = new Map((await segmentRows(trx, translation.id, revision.number)).map((r) => [r.segment_id, r]));
    const sources = new Map(revision.segmentList.map((s) => [s.id, s.text]));
    // Every target of a known segment, taken or not, before anything is written.
    refuseBrokenPlaceholders(revision.segmentList, input.units.filter((u) => u.target !== null && rows.has(u.id)).map((u) => [u.id, u.target!] as const));
    // Units exported at an older version than the segment's now: those with only machine drafts put beside the text since are as now.
    const behind = input.units.flatMap((u) => {
      const row = rows.get(u.id);
      return row && u.version !== null && u.version < row.version ? [{ row, version: u.version }] : [];
    });
    const draftedOnly = await onlyDraftedSinceAll(trx, behind);
    const changedSince = new Set(behind.filter((b) => !draftedOnly.has(b.row.segment_id)).map((b) => b.row.segment_id));
    // Units without a version whose target is not the current text: an earlier text of the segment is an old copy's.
    const unversioned = new Map(input.units.flatMap((u) => {
      const row = rows.get(u.id);
      return row && u.version === null && u.target !== null && canonical(row.text ?? '') !== u.target ? [[u.id, u.target] as const] : [];
    }));
    const outdated = await earlierTexts(trx, translation.id, unversioned);
    const units: UnitAnswer[] = [];
    let updated = 0;
    let unchanged = 0;
    let refused = 0;
    for (const unit of input.units) {
      const fileState = unit.fileState !== null ? { fileState: unit.fileState } : {};
      const row = rows.get(unit.id);
      if (!row) {
        refused++;
        units.push({ id: unit.id, outcome: 'refused', ...fileState, reason: 'segment_not_found' });
        continue;
      }
      const text = unit.target;
      const capped = unit.stateClass === 'final' ? { reason: 'state_capped' as const } : {};
      const same = text !== null && canonical(row.text ?? '') === text;
      // The file says it is not translated: its target is a copy of the source or of what Editions has, not taken.
      const notTranslated = unit.stateClass === 'new' && text !== null && (same || text === sources.get(unit.id));
      // Unchanged text confirms a machine draft (or a stale text) only where the file says it is translated, and was exported as it is now.
      const translatedInFile = unit.stateClass === 'none' || unit.stateClass === 'translated' || unit.stateClass === 'final';
      const confirms = same && confirmable.has(row.state) && translatedInFile && !changedSince.has(unit.id);
      if (text === null || notTranslated || (same && !confirms)) {
        unchanged++;
        const sameButMoved = same && confirmable.has(row.state) && translatedInFile && changedSince.has(unit.id);
        const reason = text === null ? { reason: 'no_target' as const } : notTranslated ? { reason: 'not_translated_in_file' as const } : sameButMoved ? { reason: 'changed_since_export' as const } : row.state !== 'approved' ? capped : {};
        units.push({ id: unit.id, outcome: 'unchanged', state: row.state, ...fileState, ...reason });
        continue;
      }
      // Not taken: the segment's text now stays.
      const refusal: UnitReason | null = !same && unit.stateClass === 'new' && personsText(row) ? 'not_translated_in_file' : !same && changedSince.has(unit.id) ? 'changed_since_export' : !same && outdated.has(unit.id) ? 'outdated' : null;
      if (refusal !== null) {
        refused++;
        units.push({ id: unit.id, outcome: 'refused', state: row.state, ...fileState, reason: refusal });
        continue;
      }
      await applySegmentEvent(trx, { translationId: translation.id, revision: revision.number, segmentId: unit.id, event: 'edit', text, expectedVersion: row.version, actor: actor.id, at }, row);
      updated++;
      units.push({ id: unit.id, outcome: 'updated', state: 'translated', ...fileState, ...capped });
    }
    return { locale, revision: revision.number, updated, unchanged, refused, units };
  });
}
