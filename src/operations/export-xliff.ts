/**
 * A locale as XLIFF (2.0 by default, or 1.2) for a CAT tool: every segment, its current text
 * and state (xliff-common.ts maps them), notes with the state, glossary terms, quality findings
 * (in English), the segment's comment thread (`xliffCommentNotes`) and, given `notes`, more per
 * segment.
 */
import { translator } from '../i18n.ts';
import { exportXliff } from '../interchange/xliff.ts';
import { exportXliff12 } from '../interchange/xliff12.ts';
import type { OperationContext } from './context.ts';
import { glossaryFor } from './glossary.ts';
import { translationForExport } from './export-translation.ts';
import { getStatement } from './read-statements.ts';
import { commentNotes } from './segment-comments.ts';

export type XliffVersion = '1.2' | '2.0';

/** Extra notes per segment id, after Editions' own. */
export type SegmentNotes = ReadonlyMap<string, readonly string[]>;

/** Comment threads as notes: `comment (author, role, at): text`, oldest first. */
export async function xliffCommentNotes(ctx: OperationContext, slug: string, locale: string): Promise<SegmentNotes> {
  const threads = await commentNotes(ctx, slug, locale);
  const notes = new Map<string, string[]>();
  for (const [id, list] of threads) {
    if (id === '') continue;
    notes.set(id, list.map((c) => `${c.kind === 'request_changes' ? 'changes requested' : 'comment'} (${c.author}, ${c.role}, ${c.at}): ${c.text}`));
  }
  return notes;
}

export async function exportTranslationXliff(ctx: OperationContext, slug: string, locale: string, options: { version?: XliffVersion; notes?: SegmentNotes } = {}): Promise<string> {
  const statement = await getStatement(ctx, slug);
  // A locale not started yet: every segment without a target, so that a CAT tool can start there (nothing is started).
  const translation = await translationForExport(ctx, slug, locale);
  const glossary = await glossaryFor(ctx, statement.collection, translation.locale);
  const t = translator('en');
  const placeholders = new Map(statement.segments.map((s) => [s.id, s.placeholders]));
  const comments = await xliffCommentNotes(ctx, slug, translation.locale);
  const write = options.version === '1.2' ? exportXliff12 : exportXliff;
  return write(
    slug,
    statement.sourceLocale,
    translation.locale,
    translation.segments.map((s) => {
      const terms = glossary.filter((g) => s.source.includes(g.term));
      return {
        id: s.id,
        source: s.source,
        target: s.text,
        state: s.state,
        version: s.version,
        placeholders: placeholders.get(s.id) ?? [],
        notes: [
          `state: ${s.state}`,
          ...terms.map((g) => (g.doNotTranslate ? `glossary: do not translate “${g.term}”` : `glossary: “${g.term}” → “${g.targetText}”`)),
          ...s.findings.map((f) => `${f.severity} (${f.rule}): ${t(`quality:${f.key}`, { ...f.args, defaultValue: f.key })}${f.overridden ? ` [overridden by ${f.overridden.by}: ${f.overridden.reason}]` : ''}`),
          ...(comments.get(s.id) ?? []),
          ...(options.notes?.get(s.id) ?? []),
        ],
      };
    }),
  );
}
