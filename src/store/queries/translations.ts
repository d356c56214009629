/** Translations of a statement into a locale, and their segments' current state. */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../errors.ts';
import type { TranslationSegmentsTable } from '../schema.ts';
import type { Db } from '../store.ts';
import type { StoredSegment } from './statements.ts';
import { copiesItself } from '../../markdown/copies-itself.ts';

export async function translationFor(db: Db, statementId: string, locale: string) {
  return db.selectFrom('translations').selectAll().where('statement_id', '=', statementId).where('locale', '=', locale).executeTakeFirst();
}

export async function requireTranslation(db: Db, statementId: string, locale: string, slug: string) {
  const t = await translationFor(db, statementId, locale);
  if (!t) throw new DomainError('translation_not_found', `${slug} has no ${locale} translation yet`, { slug, locale });
  return t;
}

/**
 * The translation into a locale, created with every segment untranslated if it does not exist.
 * Created with an upsert (insert, or nothing when the (statement, locale) key exists): two
 * requests that open a locale at once never meet its unique key; the one that did not insert
 * reads the other's row (on PostgreSQL a serialization failure first, and the transaction
 * runs again: docs/domain.md, "Concurrent writers").
 */
export async function ensureTranslation(db: Db, statementId: string, locale: string, revision: number, segments: readonly StoredSegment[], at: string) {
  const existing = await translationFor(db, statementId, locale);
  if (existing) return existing;
  const row = { id: randomUUID(), statement_id: statementId, locale, submitted_revision: null, submitted_by: null, submitted_at: null, created_at: at };
  const inserted = await db
    .insertInto('translations')
    .values(row)
    .onConflict((oc) => oc.columns(['statement_id', 'locale']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
    const other = await translationFor(db, statementId, locale);
    if (other && other.id !== row.id) return other;
  }
  await insertUntranslated(db, row.id, revision, segments.map((s, position) => ({ id: s.id, position, text: s.text })), at);
  return row;
}

export async function insertUntranslated(db: Db, translationId: string, revision: number, segments: readonly { id: string; position: number; text?: string }[], at: string) {
  await insertSegmentRows(db, untranslatedRows(translationId, revision, segments, at));
}

/** Rows of segments nobody translated yet, at version 1. */
export function untranslatedRows(translationId: string, revision: number, segments: readonly { id: string; position: number; text?: string }[], at: string): TranslationSegmentsTable[] {
  // A segment of numbers, codes or placeholders only is its own translation: 'translated', the source's text, nobody's (segment-context.ts).
  return segments.map((s) => ({
    translation_id: translationId,
    revision,
    segment_id: s.id,
    position: s.position,
    state: s.text !== undefined && copiesItself(s.text) ? 'translated' : 'untranslated',
    text: s.text !== undefined && copiesItself(s.text) ? s.text : null,
    machine_text: null,
    machine_provenance: null,
    last_editor: null,
    version: 1,
    updated_by: null,
    updated_at: at,
  }));
}

/** Segment rows, in one statement per 500 (SQLite allows 32766 bound parameters; 12 columns a row). */
export async function insertSegmentRows(db: Db, rows: readonly TranslationSegmentsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('translation_segments').values(rows.slice(i, i + 500)).execute();
}

export async function segmentRows(db: Db, translationId: string, revision: number) {
  return db
    .selectFrom('translation_segments')
    .selectAll()
    .where('translation_id', '=', translationId)
    .where('revision', '=', revision)
    .orderBy('position')
    .execute();
}

/** The rows of the named segments (a page, or the segments a change names), in document order: one query per 1,000. */
export async function segmentRowsOf(db: Db, translationId: string, revision: number, ids: readonly string[]) {
  const out = [];
  // SQLite allows 32,766 bound parameters, PostgreSQL 65,535.
  for (let i = 0; i < ids.length; i += 1000) {
    out.push(...(await db.selectFrom('translation_segments').selectAll().where('translation_id', '=', translationId).where('revision', '=', revision).where('segment_id', 'in', ids.slice(i, i + 1000)).orderBy('position').execute()));
  }
  return ids.length > 1000 ? out.sort((a, b) => a.position - b.position) : out;
}

/**
 * Writes changed segment rows, each only where the stored row is still at the version before
 * its own (`version - 1`: every change moves it by one), in one statement per 500 rows: an
 * insert that meets the row's key and updates it instead (both databases' upsert; the rows
 * always exist, so nothing is inserted). Returns how many rows were written: fewer than given
 * when some row moved meanwhile (the caller's conflict).
 */
export async function updateSegmentRows(db: Db, rows: readonly TranslationSegmentsTable[]): Promise<number> {
  let written = 0;
  // 12 columns a row: 6,000 parameters a statement.
  for (let i = 0; i < rows.length; i += 500) {
    const result = await db
      .insertInto('translation_segments')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['translation_id', 'revision', 'segment_id'])
          .doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            text: eb.ref('excluded.text'),
            machine_text: eb.ref('excluded.machine_text'),
            machine_provenance: eb.ref('excluded.machine_provenance'),
            last_editor: eb.ref('excluded.last_editor'),
            version: eb.ref('excluded.version'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where((eb) => eb(eb('translation_segments.version', '+', 1), '=', eb.ref('excluded.version'))),
      )
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}
