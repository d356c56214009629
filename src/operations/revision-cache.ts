/**
 * A source revision, read without its whole-document columns: its segment list parsed once per
 * process and kept by the revision's row id. A revision is never changed once written (a new
 * source is a new revision with a new random id; a rolled-back one never reappears under its
 * id), so what is kept stays right for every process on the database.
 * The Markdown and its tree (tens of MB for a large statement) are read only when asked for.
 */
import { LRUCache } from 'lru-cache';
import type { Root } from 'mdast';
import { nodeAt, parsePath } from '../markdown/tree-path.ts';
import type { StoredSegment } from '../store/queries/statements.ts';
import type { Db } from '../store/store.ts';
import { readJson } from '../store/json-columns.ts';

/** Segment lists of 32 million characters of JSON in all, at most (least recently used go first). */
const lists = new LRUCache<string, StoredSegment[]>({ maxSize: 32 * 1024 * 1024 });

/** Frozen: every reader shares it (a change would throw). */
function frozen(list: StoredSegment[]): StoredSegment[] {
  for (const s of list) {
    Object.freeze(s.placeholders);
    Object.freeze(s);
  }
  Object.freeze(list);
  return list;
}

export interface RevisionHead {
  id: string;
  number: number;
  title: string | null;
  content_hash: string;
  created_at: string;
  /** Shared by every reader of the revision: frozen. */
  segmentList: StoredSegment[];
}

/** Revision `number` of a statement: its row but for the Markdown and the tree, with its segments. */
export async function revisionHead(db: Db, statementId: string, number: number): Promise<RevisionHead> {
  const row = await db
    .selectFrom('source_revisions')
    .select(['id', 'number', 'title', 'content_hash', 'created_at'])
    .where('statement_id', '=', statementId)
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  let segmentList = lists.get(row.id);
  if (!segmentList) {
    const { segments } = await db.selectFrom('source_revisions').select('segments').where('id', '=', row.id).executeTakeFirstOrThrow();
    segmentList = frozen(readJson('source_revisions.segments', segments));
    lists.set(row.id, segmentList, { size: Math.max(segments.length, 1) });
  }
  return { ...row, segmentList };
}

/** A revision's Markdown and its tree (JSON), by the revision's id. */
export async function revisionDocument(db: Db, revisionId: string): Promise<{ markdown: string; mdast: string }> {
  return db.selectFrom('source_revisions').select(['markdown', 'mdast']).where('id', '=', revisionId).executeTakeFirstOrThrow();
}

/** A revision's Markdown alone. */
export async function revisionMarkdown(db: Db, revisionId: string): Promise<string> {
  return (await db.selectFrom('source_revisions').select('markdown').where('id', '=', revisionId).executeTakeFirstOrThrow()).markdown;
}

/** Per revision: the ids of its paragraph segments that are list items (a set of ids: small). */
const listItemSets = new LRUCache<string, ReadonlySet<string>>({ max: 1000 });

/**
 * The paragraph segments of a revision whose parent node is a list item, from its stored tree
 * (read and parsed once per revision and process: the segment list keeps paths, not node types).
 */
export async function listItemSegments(db: Db, revision: Pick<RevisionHead, 'id' | 'segmentList'>): Promise<ReadonlySet<string>> {
  const known = listItemSets.get(revision.id);
  if (known) return known;
  const paragraphs = revision.segmentList.filter((s) => s.kind === 'paragraph');
  let found: ReadonlySet<string> = new Set();
  if (paragraphs.length > 0) {
    const { mdast } = await db.selectFrom('source_revisions').select('mdast').where('id', '=', revision.id).executeTakeFirstOrThrow();
    const tree = JSON.parse(mdast) as Root;
    found = new Set(
      paragraphs
        .filter((s) => {
          const { indices } = parsePath(s.path);
          return indices.length > 0 && nodeAt(tree, `/${indices.slice(0, -1).join('/')}`)?.type === 'listItem';
        })
        .map((s) => s.id),
    );
  }
  listItemSets.set(revision.id, found);
  return found;
}
