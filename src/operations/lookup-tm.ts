/** Translation memory for one source text: exact matches first, then fuzzy suggestions, in one query. */
import { canonicalLocale } from '../locale.ts';
import { memoryMatches, normaliseForTm } from '../store/queries/tm.ts';
import type { OperationContext } from './context.ts';

export async function lookupTm(ctx: OperationContext, input: { sourceLocale: string; targetLocale: string; text: string; threshold?: number }) {
  const source = canonicalLocale(input.sourceLocale);
  const target = canonicalLocale(input.targetLocale);
  const found = (await memoryMatches(ctx.store.db, source, target, [input.text], { threshold: input.threshold ?? 0.75, exact: true })).get(normaliseForTm(input.text));
  const exact = found?.exact ?? [];
  return { exact: exact[0] ?? null, exactAll: exact, fuzzy: found?.fuzzy ?? [] };
}
