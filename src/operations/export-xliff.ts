/** A locale as XLIFF 2.0 for a CAT tool: every segment, its current text, notes with glossary terms and quality findings (in English). */
import { translator } from '../i18n.ts';
import { exportXliff } from '../interchange/xliff.ts';
import type { OperationContext } from './context.ts';
import { glossaryFor } from './glossary.ts';
import { translationForExport } from './export-translation.ts';
import { getStatement } from './read-statements.ts';

export async function exportTranslationXliff(ctx: OperationContext, slug: string, locale: string): Promise<string> {
  const statement = await getStatement(ctx, slug);
  // A locale not started yet: every segment without a target, so that a CAT tool can start there (nothing is started).
  const translation = await translationForExport(ctx, slug, locale);
  const glossary = await glossaryFor(ctx, statement.collection, translation.locale);
  const t = translator('en');
  const placeholders = new Map(statement.segments.map((s) => [s.id, s.placeholders]));
  return exportXliff(
    slug,
    statement.sourceLocale,
    translation.locale,
    translation.segments.map((s) => {
      const terms = glossary.filter((g) => s.source.includes(g.term));
      return {
        id: s.id,
        source: s.source,
        target: s.text,
        placeholders: placeholders.get(s.id) ?? [],
        notes: [
          `state: ${s.state}`,
          ...terms.map((g) => (g.doNotTranslate ? `glossary: do not translate “${g.term}”` : `glossary: “${g.term}” → “${g.targetText}”`)),
          ...s.findings.map((f) => `${f.severity} (${f.rule}): ${t(`quality:${f.key}`, { ...f.args, defaultValue: f.key })}${f.overridden ? ` [overridden by ${f.overridden.by}: ${f.overridden.reason}]` : ''}`),
        ],
      };
    }),
  );
}
