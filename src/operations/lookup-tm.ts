/** Translation memory for one source text: exact matches first, then fuzzy suggestions. */
import { canonicalLocale } from '../locale.ts';
import { exactMatches, fuzzyMatches } from '../store/queries/tm.ts';
import type { OperationContext } from './context.ts';

export async function lookupTm(ctx: OperationContext, input: { sourceLocale: string; targetLocale: string; text: string; threshold?: number }) {
  const source = canonicalLocale(input.sourceLocale);
  const target = canonicalLocale(input.targetLocale);
  const exact = await exactMatches(ctx.store.db, source, target, input.text);
  const fuzzy = await fuzzyMatches(ctx.store.db, source, target, input.text, input.threshold ?? 0.75);
  return { exact: exact[0] ?? null, exactAll: exact, fuzzy };
}
