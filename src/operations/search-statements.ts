/** Statements whose current title contains some words (case-insensitive), newest first, with progress. */
import { sql } from 'kysely';
import { getStatement } from './read-statements.ts';
import type { OperationContext } from './context.ts';

/** `%`, `_` and the escape character itself match literally. */
function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function searchStatements(ctx: OperationContext, query: string, limit = 50) {
  const words = query.trim();
  const rows = await ctx.store.db
    .selectFrom('statements')
    .innerJoin('source_revisions', (join) =>
      join.onRef('source_revisions.statement_id', '=', 'statements.id').onRef('source_revisions.number', '=', 'statements.current_revision'),
    )
    .select(['statements.slug'])
    .where(sql<boolean>`(source_revisions.title like ${likePattern(words)} escape '\\' or statements.slug like ${likePattern(words)} escape '\\')`)
    .orderBy('statements.created_at', 'desc')
    .limit(Math.min(Math.max(limit, 1), 100))
    .execute();
  const statements = [];
  for (const r of rows) {
    const s = await getStatement(ctx, r.slug);
    statements.push({ slug: s.slug, title: s.title, sourceLocale: s.sourceLocale, revision: s.revision, createdAt: s.createdAt, updatedAt: s.updatedAt, locales: s.locales });
  }
  return statements;
}
