/** Translations of a statement into a locale, and their segments' current state. */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../errors.ts';
import type { Db } from '../store.ts';
import type { StoredSegment } from './statements.ts';

export async function translationFor(db: Db, statementId: string, locale: string) {
  return db.selectFrom('translations').selectAll().where('statement_id', '=', statementId).where('locale', '=', locale).executeTakeFirst();
}

export async function requireTranslation(db: Db, statementId: string, locale: string, slug: string) {
  const t = await translationFor(db, statementId, locale);
  if (!t) throw new DomainError('translation_not_found', `${slug} has no ${locale} translation yet`, { slug, locale });
  return t;
}

/** The translation into a locale, created with every segment untranslated if it does not exist. */
export async function ensureTranslation(db: Db, statementId: string, locale: string, revision: number, segments: readonly StoredSegment[], at: string) {
  const existing = await translationFor(db, statementId, locale);
  if (existing) return existing;
  const row = { id: randomUUID(), statement_id: statementId, locale, submitted_revision: null, submitted_by: null, submitted_at: null, created_at: at };
  await db.insertInto('translations').values(row).execute();
  await insertUntranslated(db, row.id, revision, segments.map((s, position) => ({ id: s.id, position })), at);
  return row;
}

export async function insertUntranslated(db: Db, translationId: string, revision: number, segments: readonly { id: string; position: number }[], at: string) {
  const rows = segments.map((s) => ({
    translation_id: translationId,
    revision,
    segment_id: s.id,
    position: s.position,
    state: 'untranslated',
    text: null,
    machine_text: null,
    machine_provenance: null,
    last_editor: null,
    version: 1,
    updated_by: null,
    updated_at: at,
  }));
  // SQLite allows 32766 bound parameters; 12 columns a row.
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
