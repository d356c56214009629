/**
 * Comment threads of a translation (issue 16): one thread per segment, translator ↔ reviewer,
 * and the translation's general thread (no segment). Translators and reviewers of the locale,
 * and admins, write; anyone signed in reads. A reviewer's "request changes" comment
 * (review.ts) is stored here too, `kind: 'request_changes'`, in the thread of each segment the
 * decision names, else in the general thread. Comments are never edited or deleted.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { commentsOf, insertComments } from '../store/queries/comments.ts';
import { requireTranslation, translationFor } from '../store/queries/translations.ts';
import type { SegmentCommentsTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';
import { hasRole, isAdmin, requireCan, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { loadTarget } from './load-translation.ts';

/** A comment's longest text, in characters (the API's schema says the same). */
export const maxCommentLength = 5000;

export interface SegmentComment {
  id: string;
  /** null: the translation's general thread. */
  segmentId: string | null;
  kind: 'comment' | 'request_changes';
  text: string;
  author: { id: string; name: string; role: string };
  /** The source revision it was written on. */
  revision: number;
  at: string;
}

/** The role a comment is signed with: reviewer before translator, admin when only that. */
export function commentRole(actor: Actor, locale: string): string {
  if (isAdmin(actor)) return 'admin';
  if (hasRole(actor, 'reviewer', locale)) return 'reviewer';
  if (hasRole(actor, 'translator', locale)) return 'translator';
  return 'publisher';
}

function cleanText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new DomainError('validation_failed', 'text: a comment cannot be empty', { field: 'text', problem: 'empty', issue: { code: 'too_small', origin: 'string', minimum: 1, inclusive: true } });
  if (trimmed.length > maxCommentLength) throw new DomainError('validation_failed', `text: at most ${maxCommentLength} characters`, { field: 'text', problem: `at most ${maxCommentLength} characters`, issue: { code: 'too_big', origin: 'string', maximum: maxCommentLength, inclusive: true } });
  return trimmed;
}

function view(row: Awaited<ReturnType<typeof commentsOf>>[number]): SegmentComment {
  return { id: row.id, segmentId: row.segment_id, kind: row.kind, text: row.text, author: { id: row.author, name: row.author_name, role: row.author_role }, revision: row.revision, at: row.at };
}

/** Rows for comments written inside another operation's transaction (review.ts). */
export function commentRows(input: { translationId: string; revision: number; segmentIds: readonly (string | null)[]; kind: SegmentCommentsTable['kind']; text: string; actor: Actor; locale: string; at: string }): SegmentCommentsTable[] {
  const text = input.text.trim();
  if (!text) return [];
  const role = commentRole(input.actor, input.locale);
  return input.segmentIds.map((segmentId) => ({ id: randomUUID(), translation_id: input.translationId, revision: input.revision, segment_id: segmentId, kind: input.kind, text, author: input.actor.id, author_role: role, at: input.at }));
}

export async function storeComments(db: Db, rows: readonly SegmentCommentsTable[]): Promise<void> {
  await insertComments(db, rows);
}

/** Adds a comment to a segment's thread, or (no segment) to the translation's general thread. */
export async function addComment(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; segmentId?: string | null; text: string }): Promise<SegmentComment> {
  const text = cleanText(input.text);
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { statement, revision, locale } = await loadTarget(trx, input.slug, input.locale);
    requireCan(actor, 'comment', locale);
    const translation = await requireTranslation(trx, statement.id, locale, input.slug);
    const segmentId = input.segmentId ?? null;
    if (segmentId !== null && !revision.segmentList.some((s) => s.id === segmentId)) {
      throw new DomainError('segment_not_found', `No segment ${segmentId} in this translation`, { segmentId });
    }
    const [row] = commentRows({ translationId: translation.id, revision: revision.number, segmentIds: [segmentId], kind: 'comment', text, actor, locale, at });
    await insertComments(trx, [row!]);
    return { id: row!.id, segmentId, kind: 'comment' as const, text, author: { id: actor.id, name: actor.name, role: row!.author_role }, revision: revision.number, at };
  });
}

export interface CommentThreads {
  locale: string;
  /** The general thread (no segment), oldest first. */
  general: SegmentComment[];
  /** Segment id → its thread, oldest first (only segments with comments). */
  segments: Record<string, SegmentComment[]>;
  total: number;
}

/** The threads of a translation by id (read-statements.ts shows them beside the segments when asked). */
export async function threadsOf(db: Db, translationId: string, locale: string): Promise<CommentThreads> {
  const threads: CommentThreads = { locale, general: [], segments: {}, total: 0 };
  for (const row of await commentsOf(db, translationId)) {
    const c = view(row);
    if (c.segmentId === null) threads.general.push(c);
    else (threads.segments[c.segmentId] ??= []).push(c);
    threads.total++;
  }
  return threads;
}

/** The threads of a translation (or of one segment); a locale nobody started has none. */
export async function listComments(ctx: OperationContext, input: { slug: string; locale: string; segmentId?: string }): Promise<CommentThreads> {
  const db = ctx.store.db;
  const { statement, locale } = await loadTarget(db, input.slug, input.locale);
  const translation = await translationFor(db, statement.id, locale);
  const threads: CommentThreads = { locale, general: [], segments: {}, total: 0 };
  if (!translation) return threads;
  for (const row of await commentsOf(db, translation.id, input.segmentId)) {
    const c = view(row);
    if (c.segmentId === null) threads.general.push(c);
    else (threads.segments[c.segmentId] ??= []).push(c);
    threads.total++;
  }
  return threads;
}

/**
 * For XLIFF notes (export-xliff.ts): segment id → its comments `{author, text, at}`, oldest
 * first; the general thread under the key `''`.
 */
export async function commentNotes(ctx: OperationContext, slug: string, locale: string): Promise<Map<string, { author: string; role: string; kind: string; text: string; at: string }[]>> {
  const threads = await listComments(ctx, { slug, locale });
  const notes = new Map<string, { author: string; role: string; kind: string; text: string; at: string }[]>();
  const note = (c: SegmentComment) => ({ author: c.author.name, role: c.author.role, kind: c.kind, text: c.text, at: c.at });
  if (threads.general.length > 0) notes.set('', threads.general.map(note));
  for (const [id, list] of Object.entries(threads.segments)) notes.set(id, list.map(note));
  return notes;
}
