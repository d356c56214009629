/** A translator submits a locale for review: every segment must carry human text. */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { segmentRows } from '../store/queries/translations.ts';
import { requireCan, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { loadTranslation } from './load-translation.ts';

const ready = new Set(['translated', 'approved']);

export async function submitLocale(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; comment?: string }) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { translation, revision, locale } = await loadTranslation(trx, input.slug, input.locale);
    requireCan(actor, 'translate', locale);
    const rows = await segmentRows(trx, translation.id, revision.number);
    const pending = rows.filter((r) => !ready.has(r.state)).map((r) => ({ segmentId: r.segment_id, state: r.state }));
    if (pending.length > 0) {
      throw new DomainError('not_ready_to_submit', `${pending.length} segment(s) are not translated yet`, { segments: pending });
    }
    await trx
      .insertInto('translation_events')
      .values({ id: randomUUID(), translation_id: translation.id, revision: revision.number, event: 'submitted', actor: actor.id, comment: input.comment ?? null, at })
      .execute();
    await trx
      .updateTable('translations')
      .set({ submitted_revision: revision.number, submitted_by: actor.id, submitted_at: at })
      .where('id', '=', translation.id)
      .execute();
    return { locale, revision: revision.number, submittedAt: at, segments: rows.length };
  });
}
