/** Statements and their source revisions. */
import { DomainError } from '../../errors.ts';
import type { Placeholder, SegmentKind } from '../../markdown/index.ts';
import { readJson } from '../json-columns.ts';
import type { Db } from '../store.ts';

export interface StoredSegment {
  id: string;
  kind: SegmentKind;
  path: string;
  text: string;
  placeholders: Placeholder[];
}

export async function statementBySlug(db: Db, slug: string) {
  const row = await db.selectFrom('statements').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(slug)}`, { slug });
  return row;
}

export async function revisionOf(db: Db, statementId: string, number: number) {
  const row = await db
    .selectFrom('source_revisions')
    .selectAll()
    .where('statement_id', '=', statementId)
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return { ...row, segmentList: readJson('source_revisions.segments', row.segments) };
}
