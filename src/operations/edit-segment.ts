/**
 * A person's text for one segment, at the version they read (optimistic locking), with the
 * source segment's placeholders kept whole (segment-placeholders.ts). The API and the pages
 * both save through here.
 */
import { DomainError } from '../errors.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { applySegmentEvent } from './apply-segment-event.ts';
import { iso, type OperationContext } from './context.ts';
import { loadOrStartTranslation } from './load-translation.ts';
import { refuseBrokenPlaceholders } from './segment-placeholders.ts';

export interface EditSegmentInput {
  slug: string;
  locale: string;
  segmentId: string;
  text: string;
  expectedVersion: number;
}

export const maxSegmentLength = 20_000;

export async function editSegment(ctx: OperationContext, actor: Actor, input: EditSegmentInput) {
  if (typeof input.text !== 'string' || input.text.length > maxSegmentLength) {
    throw new DomainError('input_too_large', `A segment's text is at most ${maxSegmentLength} characters`, { field: 'text', limit: maxSegmentLength });
  }
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { translation, revision, locale } = await loadOrStartTranslation(trx, input.slug, input.locale, at);
    requireRole(actor, ['translator', 'reviewer'], locale);
    refuseBrokenPlaceholders(revision.segmentList, [[input.segmentId, input.text]]);
    return applySegmentEvent(trx, {
      translationId: translation.id,
      revision: revision.number,
      segmentId: input.segmentId,
      event: 'edit',
      text: input.text,
      expectedVersion: input.expectedVersion,
      actor: actor.id,
      at,
    });
  });
}
