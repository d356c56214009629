/** A translator opens a locale of a statement: its translation, every segment untranslated, if it has none yet. */
import { requireCan, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { loadOrStartTranslation } from './load-translation.ts';

export async function startTranslation(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string }) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { locale, translation } = await loadOrStartTranslation(trx, input.slug, input.locale, at);
    requireCan(actor, 'translate', locale);
    return { locale, translationId: translation.id };
  });
}
