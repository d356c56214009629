/** Editions: immutable published snapshots; the live one is the newest visible, not withdrawn. */
import type { Db } from '../store.ts';

export async function liveEditionRow(db: Db, statementId: string, locale: string, at: string) {
  return db
    .selectFrom('editions')
    .selectAll()
    .where('statement_id', '=', statementId)
    .where('locale', '=', locale)
    .where('visible_from', '<=', at)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('edition_withdrawals').select('edition_withdrawals.edition_id').whereRef('edition_withdrawals.edition_id', '=', 'editions.id'))),
    )
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
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('edition_withdrawals').select('edition_withdrawals.edition_id').whereRef('edition_withdrawals.edition_id', '=', 'editions.id'))),
    )
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
