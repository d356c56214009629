/**
 * The glossary as CSV (RFC 4180, UTF-8, csv-parse/csv-stringify). The first row names the
 * columns: the source language tag first, then target language tags, and optionally `note`
 * and `collection` (any order after the first). One row a concept; in a language's cell, `|`
 * separates the preferred term (first) from accepted variants. A row whose target cells are
 * all empty is a do-not-translate term. An empty `collection` is every statement.
 * A row has at most `glossaryCsvLimits.columns` columns: a wider one is refused (400
 * validation_failed, naming its line) by a scan of the text before csv-parse reads it, which
 * takes seconds over a record of many thousand cells. Parsed in a document worker
 * (src/documents/tasks.ts `glossaryCsv`), as TBX is, never on the event loop.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainError } from '../errors.ts';
import type { GlossaryEntry, GlossaryFile, GlossaryTermForms } from './glossary-entry.ts';

const special = new Set(['note', 'collection']);

/** The columns a row may have: the source language, target languages, note, collection. */
export const glossaryCsvLimits = { columns: 500 } as const;

function forms(cell: string): GlossaryTermForms | null {
  const parts = cell.split('|').map((p) => p.trim()).filter(Boolean);
  return parts.length === 0 ? null : { term: parts[0]!, variants: parts.slice(1) };
}

function refused(line: number, problem: string): DomainError {
  return new DomainError('validation_failed', `CSV line ${line}: ${problem}`, { field: `csv line ${line}`, line, problem });
}

/** Refuses the first record with more columns than the limit (commas outside quotes; `""` toggles twice). */
function checkColumns(text: string): void {
  const max = glossaryCsvLimits.columns;
  let columns = 1;
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a) {
      line++;
      if (!quoted) {
        columns = 1;
        recordLine = line;
      }
    } else if (c === 0x2c && !quoted && ++columns > max) throw refused(recordLine, `more than ${max} columns (a row has at most ${max})`);
  }
}

export function parseGlossaryCsv(text: string): GlossaryFile {
  checkColumns(text);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof rows;
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string };
    throw refused(e.lines ?? 1, e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'the number of columns differs from the header’s' : e.message);
  }
  const header = rows[0];
  if (!header) throw refused(1, 'empty file: the first row names the columns (e.g. en,fr,ar,note,collection)');
  const names = header.record.map((h) => h.trim());
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    const key = name.toLowerCase();
    if (name === '') throw refused(header.info.lines, `column ${i + 1} has no name`);
    if (seen.has(key)) throw refused(header.info.lines, `column ${JSON.stringify(name)} appears twice`);
    seen.add(key);
    if (special.has(key) ? i === 0 : !isLanguageTag(name)) {
      throw refused(header.info.lines, `column ${i + 1}, ${JSON.stringify(name)}: expected ${i === 0 ? 'the source language tag' : 'a language tag, note or collection'}`);
    }
  }
  const sourceLocale = names[0]!;
  const noteAt = names.findIndex((n) => n.toLowerCase() === 'note');
  const collectionAt = names.findIndex((n) => n.toLowerCase() === 'collection');
  const targetColumns = names.map((locale, i) => ({ locale, i })).filter(({ i }) => i > 0 && i !== noteAt && i !== collectionAt);
  const entries: GlossaryEntry[] = rows.slice(1).map(({ record, info }) => {
    // info.lines: the line the record ends on; it starts as many lines earlier as its cells hold line breaks.
    const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
    const note = noteAt >= 0 ? record[noteAt]!.trim() : '';
    const collection = collectionAt >= 0 ? record[collectionAt]!.trim() : '';
    return {
      line,
      collection: collection === '' || collection === '*' ? null : collection,
      source: forms(record[0]!) ?? { term: '', variants: [] },
      targets: targetColumns.flatMap(({ locale, i }) => {
        const f = forms(record[i]!);
        return f ? [{ locale, ...f }] : [];
      }),
      note: note === '' ? null : note,
    };
  });
  return { sourceLocale, entries };
}

function isLanguageTag(name: string): boolean {
  try {
    return Intl.getCanonicalLocales(name).length === 1;
  } catch {
    return false;
  }
}

/** `file` as CSV: source, every target locale present (sorted), note, collection. */
export function buildGlossaryCsv(file: GlossaryFile): string {
  const locales = [...new Set(file.entries.flatMap((e) => e.targets.map((t) => t.locale)))].sort();
  const cell = (f: GlossaryTermForms | undefined) => (f ? [f.term, ...f.variants].join(' | ') : '');
  const rows = file.entries.map((e) => [cell(e.source), ...locales.map((l) => cell(e.targets.find((t) => t.locale === l))), e.note ?? '', e.collection ?? '']);
  return stringify([[file.sourceLocale, ...locales, 'note', 'collection'], ...rows], { record_delimiter: 'unix' });
}
