/**
 * A statement's history: every source revision (oldest first) and every edition ever
 * published (oldest first, withdrawn ones marked), each with its Markdown, so that a page
 * can show what changed from one to the next.
 */
import { statementBySlug } from '../store/queries/statements.ts';
import type { OperationContext } from './context.ts';

export interface RevisionEntry {
  number: number;
  title: string | null;
  markdown: string;
  createdAt: string;
  createdBy: string | null;
}

export interface EditionEntry {
  id: string;
  locale: string;
  sourceRevision: number;
  markdown: string;
  publishedAt: string;
  visibleFrom: string;
  publishedBy: string | null;
  withdrawnAt: string | null;
}

/** A comment in a translation's threads (segment-comments.ts), oldest first. */
export interface CommentEntry {
  locale: string;
  /** null: the translation's general thread. */
  segmentId: string | null;
  kind: 'comment' | 'request_changes';
  text: string;
  author: string;
  role: string;
  at: string;
}

export async function statementHistory(ctx: OperationContext, slug: string) {
  const db = ctx.store.db;
  const statement = await statementBySlug(db, slug);
  const revisions = await db
    .selectFrom('source_revisions')
    .leftJoin('users', 'users.id', 'source_revisions.created_by')
    .select(['source_revisions.number', 'source_revisions.title', 'source_revisions.markdown', 'source_revisions.created_at', 'users.name'])
    .where('source_revisions.statement_id', '=', statement.id)
    .orderBy('source_revisions.number', 'asc')
    .execute();
  const editions = await db
    .selectFrom('editions')
    .leftJoin('users', 'users.id', 'editions.published_by')
    .leftJoin('edition_withdrawals', 'edition_withdrawals.edition_id', 'editions.id')
    .select(['editions.id', 'editions.locale', 'editions.source_revision', 'editions.markdown', 'editions.published_at', 'editions.visible_from', 'users.name', 'edition_withdrawals.at as withdrawn_at'])
    .where('editions.statement_id', '=', statement.id)
    .orderBy('editions.published_at', 'asc')
    .orderBy('editions.locale', 'asc')
    .execute();
  const comments = await db
    .selectFrom('segment_comments')
    .innerJoin('translations', 'translations.id', 'segment_comments.translation_id')
    .innerJoin('users', 'users.id', 'segment_comments.author')
    .select(['translations.locale', 'segment_comments.segment_id', 'segment_comments.kind', 'segment_comments.text', 'segment_comments.author_role', 'segment_comments.at', 'segment_comments.id', 'users.name'])
    .where('translations.statement_id', '=', statement.id)
    .orderBy('segment_comments.at', 'asc')
    .orderBy('segment_comments.id', 'asc')
    .execute();
  return {
    comments: comments.map((c): CommentEntry => ({ locale: c.locale, segmentId: c.segment_id, kind: c.kind, text: c.text, author: c.name, role: c.author_role, at: c.at })),
    slug: statement.slug,
    sourceLocale: statement.source_locale,
    revisions: revisions.map((r): RevisionEntry => ({ number: r.number, title: r.title, markdown: r.markdown, createdAt: r.created_at, createdBy: r.name })),
    editions: editions.map((e): EditionEntry => ({
      id: e.id, locale: e.locale, sourceRevision: e.source_revision, markdown: e.markdown, publishedAt: e.published_at,
      visibleFrom: e.visible_from, publishedBy: e.name, withdrawnAt: e.withdrawn_at,
    })),
  };
}
