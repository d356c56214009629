/**
 * A reviewer's decision on segments or on a whole locale: approve, or request changes.
 * Four-eyes: nobody approves a segment, or a locale, whose text they last wrote. A fatal
 * quality finding (not overridden) blocks approval of its segment.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { rememberTranslation } from '../store/queries/tm.ts';
import { segmentRows } from '../store/queries/translations.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { applySegmentEvent } from './apply-segment-event.ts';
import { iso, type OperationContext } from './context.ts';
import { loadTranslation } from './load-translation.ts';
import { localeQuality, refuseIfBlocked } from './quality.ts';

export interface ReviewInput {
  slug: string;
  locale: string;
  decision: 'approve' | 'request_changes';
  /** The segments decided; none: the whole locale. */
  segments?: readonly string[];
  comment?: string;
}

export async function review(ctx: OperationContext, actor: Actor, input: ReviewInput) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { statement, translation, revision, locale } = await loadTranslation(trx, input.slug, input.locale);
    requireRole(actor, ['reviewer'], locale);
    const rows = await segmentRows(trx, translation.id, revision.number);
    const wholeLocale = !input.segments || input.segments.length === 0;
    const byId = new Map(rows.map((r) => [r.segment_id, r]));
    let targets = wholeLocale ? rows : input.segments!.map((id) => {
      const row = byId.get(id);
      if (!row) throw new DomainError('segment_not_found', `No segment ${id} in this translation`, { segmentId: id });
      return row;
    });

    if (input.decision === 'approve') {
      const own = (wholeLocale ? rows : targets).filter((r) => r.last_editor === actor.id).map((r) => r.segment_id);
      if (own.length > 0) {
        throw new DomainError('four_eyes', `${actor.name} wrote ${own.length} of these segments and cannot approve them`, { segments: own });
      }
      if (wholeLocale) {
        const pending = rows.filter((r) => r.state !== 'translated' && r.state !== 'approved').map((r) => ({ segmentId: r.segment_id, state: r.state }));
        if (pending.length > 0) throw new DomainError('not_ready_to_approve', `${pending.length} segment(s) are not ready for approval`, { segments: pending });
        targets = rows.filter((r) => r.state === 'translated');
      }
      // Fatal quality findings block approval until fixed or overridden with a reason.
      const quality = await localeQuality(trx, { statement, revision, translationId: translation.id, locale, rows, frontMatterKeys: ctx.frontMatterKeys }, { edition: false });
      refuseIfBlocked(targets.flatMap((r) => quality.segments.get(r.segment_id) ?? []), { locale });
    } else if (wholeLocale) {
      targets = rows.filter((r) => r.state === 'translated' || r.state === 'approved' || r.state === 'machine');
    }

    const sourceText = new Map(revision.segmentList.map((s) => [s.id, s.text]));
    const event = input.decision === 'approve' ? 'approve' : 'request_changes';
    const decided: string[] = [];
    for (const row of targets) {
      const updated = await applySegmentEvent(
        trx,
        { translationId: translation.id, revision: revision.number, segmentId: row.segment_id, event, actor: actor.id, comment: input.comment, at },
        row,
      );
      decided.push(row.segment_id);
      await trx
        .insertInto('reviews')
        .values({ id: randomUUID(), translation_id: translation.id, revision: revision.number, segment_id: row.segment_id, decision: input.decision, comment: input.comment ?? null, reviewer: actor.id, at })
        .execute();
      if (event === 'approve' && updated.text) {
        await rememberTranslation(trx, { sourceLocale: statement.source_locale, targetLocale: locale, sourceText: sourceText.get(row.segment_id) ?? '', targetText: updated.text, origin: 'approved', at });
      }
    }
    if (wholeLocale) {
      await trx
        .insertInto('reviews')
        .values({ id: randomUUID(), translation_id: translation.id, revision: revision.number, segment_id: null, decision: input.decision, comment: input.comment ?? null, reviewer: actor.id, at })
        .execute();
    }
    return { locale, decision: input.decision, segments: decided };
  });
}
