/**
 * Row locks for contended writes (docs/domain.md, "Concurrent writers"). On PostgreSQL a
 * read-then-write path first takes `FOR UPDATE` on the row its writers contend for (the
 * statement, for publishing, withdrawing and revising its source): contenders then queue on
 * that row instead of all doing their work and all but one failing at commit. SQLite has no
 * FOR UPDATE and needs none: its write transactions begin IMMEDIATE, one writer at a time.
 * The one place that branches on the dialect for locking.
 */
import type { SelectQueryBuilder } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Schema } from '../schema.ts';
import type { Db, Store } from '../store.ts';

/** The query with `FOR UPDATE` where the dialect has it (PostgreSQL), else as it is. */
export function forUpdate<TB extends keyof Schema, O>(dialect: Store['dialect'], query: SelectQueryBuilder<Schema, TB, O>): SelectQueryBuilder<Schema, TB, O> {
  return dialect === 'postgres' ? query.forUpdate() : query;
}

/** The statement, locked for the rest of the transaction; `statement_not_found` when there is none. */
export async function lockStatement(db: Db, dialect: Store['dialect'], slug: string) {
  const row = await forUpdate(dialect, db.selectFrom('statements').selectAll().where('slug', '=', slug)).executeTakeFirst();
  if (!row) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(slug)}`, { slug });
  return row;
}
