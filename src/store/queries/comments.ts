/** A translation's comment threads (migration 0009): insert, and read in time order. */
import type { SegmentCommentsTable } from '../schema.ts';
import type { Db } from '../store.ts';

export async function insertComments(db: Db, rows: readonly SegmentCommentsTable[]): Promise<void> {
  // 9 columns a row: well under every dialect's parameter limit at 400 rows a statement.
  for (let i = 0; i < rows.length; i += 400) await db.insertInto('segment_comments').values(rows.slice(i, i + 400)).execute();
}

/** Every comment of a translation (or of some of its segments), oldest first, with the author's name. */
export async function commentsOf(db: Db, translationId: string, segmentId?: string | null) {
  let q = db
    .selectFrom('segment_comments')
    .innerJoin('users', 'users.id', 'segment_comments.author')
    .select(['segment_comments.id', 'segment_comments.revision', 'segment_comments.segment_id', 'segment_comments.kind', 'segment_comments.text', 'segment_comments.author', 'segment_comments.author_role', 'segment_comments.at', 'users.name as author_name'])
    .where('segment_comments.translation_id', '=', translationId);
  if (segmentId === null) q = q.where('segment_comments.segment_id', 'is', null);
  else if (segmentId !== undefined) q = q.where('segment_comments.segment_id', '=', segmentId);
  return q.orderBy('segment_comments.at').orderBy('segment_comments.id').execute();
}
