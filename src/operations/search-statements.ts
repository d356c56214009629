/**
 * Statements whose current title or slug contains the query (case-insensitive, the same on
 * SQLite and PostgreSQL: both sides folded by search-text.ts), newest first, with progress.
 * Three queries whatever the number found: the matches, then their progress (two).
 */
import { sql } from 'kysely';
import { iso, type OperationContext } from './context.ts';
import { progressOf, statementSummary } from './read-statements.ts';
import { foldForSearch } from '../search-text.ts';

/** `%`, `_` and the escape character itself match literally. */
function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function searchStatements(ctx: OperationContext, query: string, limit = 50) {
  const pattern = likePattern(foldForSearch(query));
  const db = ctx.store.db;
  const rows = await db
    .selectFrom('statements')
    .innerJoin('source_revisions', (join) =>
      join.onRef('source_revisions.statement_id', '=', 'statements.id').onRef('source_revisions.number', '=', 'statements.current_revision'),
    )
    .select(['statements.id', 'statements.slug', 'statements.source_locale', 'statements.current_revision', 'statements.created_at', 'statements.updated_at', 'source_revisions.title'])
    // Slugs are lower-case ASCII already (validation.ts), so the folded query compares with them as they are.
    .where(sql<boolean>`(source_revisions.search_text like ${pattern} escape '\\' or statements.slug like ${pattern} escape '\\')`)
    .orderBy('statements.created_at', 'desc')
    .orderBy('statements.id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 100))
    .execute();
  const progress = await progressOf(db, rows.map((r) => r.id), iso(ctx));
  return rows.map((r) => statementSummary(r, progress));
}
