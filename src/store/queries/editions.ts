/** Editions: immutable published snapshots; the live one is the newest visible, not withdrawn. */
import type { ExpressionBuilder } from 'kysely';
import type { Schema } from '../schema.ts';
import type { Db } from '../store.ts';

/** `where` clause: the edition has not been withdrawn. */
export const notWithdrawn = ({ not, exists, selectFrom }: ExpressionBuilder<Schema, 'editions'>) =>
  not(exists(selectFrom('edition_withdrawals').select('edition_withdrawals.edition_id').whereRef('edition_withdrawals.edition_id', '=', 'editions.id')));

export async function liveEditionRow(db: Db, statementId: string, locale: string, at: string) {
  return db
    .selectFrom('editions')
    .selectAll()
    .where('statement_id', '=', statementId)
    .where('locale', '=', locale)
    .where('visible_from', '<=', at)
    .where(notWithdrawn)
    .orderBy('visible_from', 'desc')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest edition of a locale, visible or scheduled, not withdrawn. */
export async function latestEditionRow(db: Db, statementId: string, locale: string) {
  return db
    .selectFrom('editions')
    .selectAll()
    .where('statement_id', '=', statementId)
    .where('locale', '=', locale)
    .where(notWithdrawn)
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
