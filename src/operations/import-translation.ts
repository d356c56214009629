/**
 * A whole translation uploaded as one document (Markdown, or XLIFF already read into texts):
 * every segment whose text differs from the current one is edited, in one transaction, as the
 * uploader. A Markdown document whose structure does not match the source's is refused,
 * naming the first place where they differ; an upload with any text whose placeholders are
 * broken is refused whole (placeholders_broken, naming every such segment), nothing stored.
 * What a Markdown upload changed outside its texts is not taken and named (`notTaken`).
 */
import { DomainError } from '../errors.ts';
import { documentsOf } from '../documents/workers.ts';
import { canonicalLocale } from '../locale.ts';
import { segmentRows } from '../store/queries/translations.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { applySegmentEvent } from './apply-segment-event.ts';
import { iso, type OperationContext } from './context.ts';
import { loadOrStartTranslation } from './load-translation.ts';
import { refuseBrokenPlaceholders } from './segment-placeholders.ts';

export async function importTranslationMarkdown(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; markdown: string }) {
  const size = Buffer.byteLength(input.markdown);
  if (size > ctx.maxDocumentBytes) throw new DomainError('input_too_large', `The document is ${size} bytes; the limit is ${ctx.maxDocumentBytes}`, { size, limit: ctx.maxDocumentBytes });
  const statement = await ctx.store.db.selectFrom('statements').innerJoin('source_revisions', (j) => j.onRef('source_revisions.statement_id', '=', 'statements.id').onRef('source_revisions.number', '=', 'statements.current_revision')).select(['source_revisions.markdown']).where('statements.slug', '=', input.slug).executeTakeFirst();
  if (!statement) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(input.slug)}`, { slug: input.slug });
  // Who may upload is known before the document work (checked again in the transaction).
  requireRole(actor, ['translator', 'reviewer'], canonicalLocale(input.locale));
  // Parsed and aligned in a document worker, within the document limits, before the transaction.
  const aligned = await documentsOf(ctx).run('align', { source: statement.markdown, translated: input.markdown, frontMatterKeys: ctx.frontMatterKeys });
  if (!aligned.ok) {
    const m = aligned.mismatch;
    throw new DomainError('structure_mismatch', `The document does not have the source's structure at ${m.path}: expected ${m.expected}, found ${m.found}`, m);
  }
  // What the texts cannot carry (a changed URL, code, a front matter key) is named in the answer: the source's stays.
  return { ...(await importTexts(ctx, actor, { slug: input.slug, locale: input.locale, texts: aligned.texts })), notTaken: aligned.notTaken };
}

export async function importTexts(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; texts: ReadonlyMap<string, string> }) {
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { translation, revision, locale } = await loadOrStartTranslation(trx, input.slug, input.locale, at);
    requireRole(actor, ['translator', 'reviewer'], locale);
    const rows = new Map((await segmentRows(trx, translation.id, revision.number)).map((r) => [r.segment_id, r]));
    for (const segmentId of input.texts.keys()) {
      if (!rows.has(segmentId)) throw new DomainError('segment_not_found', `No segment ${segmentId} in this translation`, { segmentId });
    }
    // Every text of the upload, changed or not, before anything is written.
    refuseBrokenPlaceholders(revision.segmentList, input.texts);
    let updated = 0;
    let unchanged = 0;
    for (const [segmentId, text] of input.texts) {
      const row = rows.get(segmentId)!;
      if (row.text === text && row.state !== 'untranslated' && row.state !== 'machine' && row.state !== 'stale') {
        unchanged++;
        continue;
      }
      await applySegmentEvent(trx, { translationId: translation.id, revision: revision.number, segmentId, event: 'edit', text, expectedVersion: row.version, actor: actor.id, at }, row);
      updated++;
    }
    return { locale, revision: revision.number, updated, unchanged };
  });
}
