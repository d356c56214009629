/**
 * Checks a person's text for a segment against the placeholders of its source before it is
 * saved from the web pages: each placeholder (`<g id="1">…</g>`, `<x id="2"/>`) exactly once,
 * well formed and properly nested. Returns the problems as quality keys (`placeholders.*`,
 * namespace `quality`) so that the page can say what is wrong in the user's language.
 */
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { validatePlaceholders } from '../markdown/validate-placeholders.ts';
import { revisionOf, statementBySlug } from '../store/queries/statements.ts';
import { DomainError } from '../errors.ts';
import type { OperationContext } from './context.ts';

export interface PlaceholderIssue {
  key: string;
  args: Record<string, string | number>;
}

export async function placeholderIssues(ctx: OperationContext, slug: string, segmentId: string, text: string): Promise<PlaceholderIssue[]> {
  const statement = await statementBySlug(ctx.store.db, slug);
  const revision = await revisionOf(ctx.store.db, statement.id, statement.current_revision);
  const segment = revision.segmentList.find((s) => s.id === segmentId);
  if (!segment) throw new DomainError('segment_not_found', `No segment ${segmentId} in this statement`, { segmentId });
  const decoded = xmlCodec.decode(text);
  const problems = [...decoded.problems, ...validatePlaceholders(decoded.tokens, segment.placeholders)];
  return problems.map((p): PlaceholderIssue => {
    const args: Record<string, string | number> = {};
    if ('placeholderId' in p && p.placeholderId !== undefined) args.placeholderId = p.placeholderId;
    return { key: `placeholders.${p.code.replace(/^placeholder-/, '')}`, args };
  });
}
