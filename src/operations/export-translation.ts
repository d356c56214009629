/**
 * A locale taken out whole for a translator's own tools: as Markdown (the source with the
 * current texts put back, the source's own text where a segment has none), and the segments
 * an XLIFF export reads. A locale nobody has started yet is exported as it would start (every
 * segment untranslated, no text) without being started: a download changes nothing.
 */
import { documentsOf } from '../documents/workers.ts';
import { translationFor, segmentRows } from '../store/queries/translations.ts';
import type { OperationContext } from './context.ts';
import { targetStatement } from './load-translation.ts';
import { getTranslation, type TranslationSegmentView } from './read-statements.ts';
import { revisionHead, revisionMarkdown } from './revision-cache.ts';

export type ExportSegment = Pick<TranslationSegmentView, 'id' | 'source' | 'text' | 'state' | 'version' | 'findings'>;

/** The locale's segments (with findings and versions) for an export; every one untranslated at version 1 (where its rows start) when the locale is not started. */
export async function translationForExport(ctx: OperationContext, slug: string, localeTag: string): Promise<{ locale: string; started: boolean; segments: ExportSegment[] }> {
  const db = ctx.store.db;
  const { locale, statement } = await targetStatement(db, slug, localeTag);
  if (await translationFor(db, statement.id, locale)) {
    const translation = await getTranslation(ctx, slug, locale);
    return { locale: translation.locale, started: true, segments: translation.segments };
  }
  const revision = await revisionHead(db, statement.id, statement.current_revision);
  return { locale, started: false, segments: revision.segmentList.map((s) => ({ id: s.id, source: s.text, text: null, state: 'untranslated', version: 1, findings: [] })) };
}

export interface TranslationMarkdown {
  slug: string;
  locale: string;
  revision: number;
  markdown: string;
  /** Segments in the document. */
  segments: number;
  /** Segments given in the source's text: none yet (or none that could be used). */
  untranslated: number;
  started: boolean;
}

/**
 * The translation as Markdown now: what the source's structure holds with each segment's
 * current text (any state), the source's text where there is none. URLs and front matter
 * other than the translated keys are the source's: the locale's link targets and language
 * keys apply at publication, not here, so the document uploads back as it came.
 */
export async function exportTranslationMarkdown(ctx: OperationContext, slug: string, localeTag: string): Promise<TranslationMarkdown> {
  // One consistent read (a source revision or an edit between two reads would mix them).
  const read = await ctx.store.transaction(async (db) => {
    const { locale, statement } = await targetStatement(db, slug, localeTag);
    const revision = await revisionHead(db, statement.id, statement.current_revision);
    const translation = await translationFor(db, statement.id, locale);
    const rows = translation ? await segmentRows(db, translation.id, revision.number) : [];
    return { locale, revision: revision.number, segments: revision.segmentList.length, markdown: await revisionMarkdown(db, revision.id), started: translation !== undefined, rows };
  });
  const texts = new Map(read.rows.flatMap((r) => (r.text === null ? [] : [[r.segment_id, r.text] as const])));
  const { markdown, findings } = await documentsOf(ctx).run('reassemble', { markdown: read.markdown, linkTargets: new Map(), texts, frontMatterKeys: ctx.frontMatterKeys });
  const untranslated = new Set(findings.filter((f) => f.usedSource).map((f) => f.segmentId)).size;
  return { slug, locale: read.locale, revision: read.revision, markdown, segments: read.segments, untranslated, started: read.started };
}
