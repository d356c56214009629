/** A source text as the store keeps it: Markdown, mdast, segments, hash, title. */
import { randomUUID } from 'node:crypto';
import { sha256 } from '../hash.ts';
import type { SegmentedDocument } from '../markdown/index.ts';
import { documentsOf } from '../documents/workers.ts';
import { DomainError } from '../errors.ts';
import type { OperationContext } from './context.ts';
import { searchTextOf } from '../search-text.ts';
import { toJson } from '../store/json.ts';
import type { StoredSegment } from '../store/queries/statements.ts';
import type { Db } from '../store/store.ts';

export interface SourceDocument {
  doc: SegmentedDocument;
  segments: StoredSegment[];
  hash: string;
  title: string | null;
}

/** Checks size, then parses and segments in a document worker (within the document limits); call it before opening a transaction. */
export async function prepareSource(ctx: OperationContext, markdown: string): Promise<SourceDocument> {
  if (typeof markdown !== 'string' || markdown.trim() === '') {
    throw new DomainError('input_unreadable', 'The statement is empty', { field: 'markdown' });
  }
  const maxBytes = ctx.maxDocumentBytes;
  const size = Buffer.byteLength(markdown);
  if (size > maxBytes) throw new DomainError('input_too_large', `The statement is ${size} bytes; the limit is ${maxBytes}`, { size, limit: maxBytes });
  const { doc, title } = await documentsOf(ctx).run('source', { markdown, frontMatterKeys: ctx.frontMatterKeys });
  const segments = doc.segments.map(({ id, kind, path, text, placeholders }) => ({ id, kind, path, text, placeholders }));
  return { doc, segments, hash: sha256(markdown), title };
}

/** Stores a source revision (never updated afterwards). */
export async function insertRevision(db: Db, statementId: string, number: number, markdown: string, source: SourceDocument, actor: string, at: string) {
  await db
    .insertInto('source_revisions')
    .values({
      id: randomUUID(),
      statement_id: statementId,
      number,
      markdown,
      mdast: toJson(source.doc.tree),
      segments: toJson(source.segments),
      content_hash: source.hash,
      title: source.title,
      search_text: searchTextOf(source.title),
      created_by: actor,
      created_at: at,
    })
    .execute();
}
