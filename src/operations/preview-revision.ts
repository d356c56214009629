/**
 * A dry run of a source revision (reviseSource, revise-source.ts): what saving `markdown`
 * would do to each locale's segments, computed with the same alignment (align-segments.ts)
 * and the same state transition, and nothing written. Per locale: how many segments stay,
 * which go stale (their kept text was written for the old source), which become
 * untranslated again, which are new and which are removed.
 */
import { statementBySlug, revisionOf } from '../store/queries/statements.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { isSegmentState, transition } from '../workflow/transitions.ts';
import { alignSegments } from './align-segments.ts';
import type { OperationContext } from './context.ts';
import { prepareSource } from './source-document.ts';

export interface ChangedSegment {
  id: string;
  previousText: string;
  text: string;
}

export interface LocaleRevisionPreview {
  locale: string;
  unchanged: number;
  /** Changed segments whose translation becomes stale (kept, to be checked). */
  stale: string[];
  /** Changed segments that had no translation yet (still untranslated). */
  untranslated: string[];
  added: number;
  removed: number;
}

export interface RevisionPreview {
  slug: string;
  /** The revision the preview was made against (the If-Match of the save). */
  revision: number;
  /** False: the text is the current revision's (saving changes nothing). */
  changes: boolean;
  changed: ChangedSegment[];
  added: { id: string; text: string }[];
  removed: { id: string; text: string }[];
  locales: LocaleRevisionPreview[];
}

export async function previewRevision(ctx: OperationContext, actor: Actor, input: { slug: string; markdown: string }): Promise<RevisionPreview> {
  const statement = await statementBySlug(ctx.store.db, input.slug);
  requireRole(actor, ['publisher'], statement.source_locale);
  const source = await prepareSource(ctx, input.markdown);
  const db = ctx.store.db;
  const previous = await revisionOf(db, statement.id, statement.current_revision);
  const base = { slug: statement.slug, revision: statement.current_revision };
  if (previous.content_hash === source.hash) return { ...base, changes: false, changed: [], added: [], removed: [], locales: [] };
  const alignment = alignSegments(previous.segmentList, source.segments);
  const oldText = new Map(previous.segmentList.map((s) => [s.id, s.text]));
  const continued = new Set([...alignment.unchanged.values(), ...alignment.changed.values()]);
  const changed = [...alignment.changed].map(([id, old]) => ({ id, previousText: oldText.get(old) ?? '', text: source.segments.find((s) => s.id === id)?.text ?? '' }));
  const added = source.segments.filter((s) => alignment.added.has(s.id)).map((s) => ({ id: s.id, text: s.text }));
  const removed = previous.segmentList.filter((s) => !continued.has(s.id)).map((s) => ({ id: s.id, text: s.text }));
  const translations = await db.selectFrom('translations').select(['id', 'locale']).where('statement_id', '=', statement.id).execute();
  const rows = await db
    .selectFrom('translation_segments')
    .innerJoin('translations', 'translations.id', 'translation_segments.translation_id')
    .select(['translation_segments.translation_id', 'translation_segments.segment_id', 'translation_segments.state'])
    .where('translations.statement_id', '=', statement.id)
    .where('translation_segments.revision', '=', previous.number)
    .execute();
  const stateOf = new Map(rows.map((r) => [`${r.translation_id} ${r.segment_id}`, r.state]));
  const locales = translations
    .map((t) => {
      const stale: string[] = [];
      const untranslated: string[] = [];
      for (const [id, old] of alignment.changed) {
        const state = stateOf.get(`${t.id} ${old}`);
        const next = state !== undefined && isSegmentState(state) ? transition(state, 'source_changed') : undefined;
        if (next?.ok && next.state === 'stale') stale.push(id);
        else untranslated.push(id);
      }
      return { locale: t.locale, unchanged: alignment.unchanged.size, stale, untranslated, added: added.length, removed: removed.length };
    })
    .sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0));
  return { ...base, changes: true, changed, added, removed, locales };
}
