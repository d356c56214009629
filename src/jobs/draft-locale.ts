/**
 * Drafts one locale of a job: translation memory first (exact hits fill segments without an
 * engine), then the provider in batches within its limits, glossary terms protected, every
 * answer normalised (src/mt/normalise-output.ts) and its placeholders checked. Each batch
 * is stored with the job's progress in one transaction, so a crash loses at most the batch
 * in flight, and a restart sends only the segments still without a draft. A locale no engine
 * serves gets what translation memory has; the rest is left for people.
 *
 * Engine failures: a transient one that outlasted the engine's retries (429, 5xx, timeouts) and
 * a refusal of the engine as a whole (an unsupported pair, no or refused credentials) are
 * thrown, for the runner to run the locale again later or fail it; a request refused for its
 * own content (another 4xx) fails its segments (counted) and the others go on.
 *
 * Under a runner, each batch's transaction first checks the job is still the runner's
 * (`fence`), and `signal` stops the locale before its next batch (a shutdown, a lease taken
 * over); a batch already sent is still stored.
 */
import { DomainError } from '../errors.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { validatePlaceholders } from '../markdown/validate-placeholders.ts';
import { protectTerms, restoreTerms } from '../mt/glossary-protect.ts';
import { normaliseEngineOutput } from '../mt/normalise-output.ts';
import type { MachineTranslationProvider, SegmentRequest, TranslationContext } from '../mt/provider.ts';
import { ProviderError } from '../mt/retry.ts';
import { batchSegments } from '../mt/translate-document.ts';
import type { OperationContext } from '../operations/context.ts';
import { glossaryFor } from '../operations/glossary.ts';
import { loadTranslation } from '../operations/load-translation.ts';
import { storeDrafts, type MachineDraft } from '../operations/record-machine-drafts.ts';
import { needsDraft } from '../operations/request-drafts.ts';
import type { StoredSegment } from '../store/queries/statements.ts';
import { exactMatchesOf, normaliseForTm } from '../store/queries/tm.ts';
import { segmentRows } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';

export interface DraftLocaleJob {
  jobId: string;
  slug: string;
  locale: string;
  /** null: no engine serves the locale; translation memory alone fills what it can, the rest is left for people. */
  provider: MachineTranslationProvider | null;
  /** Runs a provider call under the provider's concurrency cap, with retries. */
  call: <T>(fn: () => Promise<T>) => Promise<T>;
  onProgress?: () => void;
  /** Aborted: no further batch is started (its reason is thrown). */
  signal?: AbortSignal;
  /** Called first in each batch's transaction: throws when the job is no longer this runner's, and nothing is stored. */
  fence?: (trx: Db) => Promise<void>;
}

/** A refusal of the engine as a whole, not of one request: the locale fails. */
function refusesEngine(error: unknown): boolean {
  if (error instanceof DomainError) return error.code.startsWith('provider_');
  if (!(error instanceof ProviderError) || error.transient) return false;
  // 402/456: the account's quota or payment is exhausted (DeepL's 456): no request of the locale can pass.
  return error.status === undefined || error.status === 401 || error.status === 402 || error.status === 403 || error.status === 404 || error.status === 456;
}

interface Outcome {
  drafts: MachineDraft[];
  flagged: number;
  billed: number;
  fromMemory: number;
}

export async function draftLocale(ctx: OperationContext, job: DraftLocaleJob): Promise<void> {
  const failed = new Set<string>();
  const lookedUp = new Set<string>();
  const terms = await (async () => {
    const statement = await ctx.store.db.selectFrom('statements').select('collection').where('slug', '=', job.slug).executeTakeFirstOrThrow();
    return glossaryFor(ctx, statement.collection, job.locale);
  })();
  const glossary = terms.filter((g) => g.doNotTranslate).map((g) => g.term);
  // For engines that read context (llm): the glossary's terms for the pair; the title is added per batch.
  const contextTerms = terms.map((g) => ({ term: g.term, doNotTranslate: g.doNotTranslate, ...(g.targetText ? { target: g.targetText } : {}) }));

  for (;;) {
    job.signal?.throwIfAborted();
    const { statement, revision, translation } = await loadTranslation(ctx.store.db, job.slug, job.locale);
    const rows = await segmentRows(ctx.store.db, translation.id, revision.number);
    const bySegment = new Map(revision.segmentList.map((s) => [s.id, s]));
    const needs = rows.filter((r) => needsDraft(r) && !failed.has(r.segment_id)).map((r) => bySegment.get(r.segment_id)!);
    if (needs.length === 0) return;

    const fromMemory = await memoryDrafts(ctx, statement.source_locale, job.locale, needs.filter((s) => !lookedUp.has(s.id)));
    for (const s of needs) lookedUp.add(s.id);
    let outcome: Outcome;
    if (fromMemory.length > 0) {
      outcome = { drafts: fromMemory, flagged: 0, billed: 0, fromMemory: fromMemory.length };
    } else if (job.provider === null) {
      // No engine: what memory did not fill is left for people.
      return;
    } else {
      const batch = batchSegments(needs.map(({ id, text }) => ({ id, text })), job.provider.limits)[0]!;
      try {
        const context: TranslationContext = { ...(revision.title ? { title: revision.title } : {}), terms: contextTerms };
        outcome = await translateBatch({ ...job, provider: job.provider }, statement.source_locale, batch, bySegment, glossary, context);
      } catch (error) {
        if (job.signal?.aborted) throw job.signal.reason;
        // Transient after the engine's retries: the runner runs the locale again later. A refused engine: the locale fails.
        if ((error instanceof ProviderError && error.transient) || refusesEngine(error)) throw error;
        // Refused for this request alone: its segments fail (counted), the others go on.
        for (const s of batch) failed.add(s.id);
        await ctx.store.transaction(async (trx) => {
          await job.fence?.(trx);
          await bump(ctx, job, { failed: batch.length, error: (error as Error).message }, trx);
        });
        continue;
      }
    }
    try {
      await ctx.store.transaction(async (trx) => {
        await job.fence?.(trx);
        const current = await loadTranslation(trx, job.slug, job.locale);
        if (current.revision.number !== revision.number) throw new DomainError('revision_conflict', 'The source changed', { revision: current.revision.number });
        const { applied } = await storeDrafts(trx, current, outcome.drafts, null, ctx.now().toISOString());
        await bump(ctx, job, { done: applied.length, fromMemory: outcome.fromMemory, flagged: outcome.flagged, billed: outcome.billed }, trx);
      });
    } catch (error) {
      // The source was revised meanwhile: plan again against the new revision.
      if (error instanceof DomainError && error.code === 'revision_conflict') continue;
      throw error;
    }
    job.onProgress?.();
  }
}

async function memoryDrafts(ctx: OperationContext, sourceLocale: string, locale: string, needs: readonly StoredSegment[]): Promise<MachineDraft[]> {
  if (needs.length === 0) return [];
  const hits = await exactMatchesOf(ctx.store.db, sourceLocale, locale, needs.map((s) => s.text));
  return needs.flatMap((s) => {
    const hit = hits.get(normaliseForTm(s.text));
    return hit ? [{ segmentId: s.id, text: hit.targetText, provenance: { engine: 'tm', model: hit.origin, at: ctx.now().toISOString() } }] : [];
  });
}

async function translateBatch(
  job: DraftLocaleJob & { provider: MachineTranslationProvider },
  sourceLocale: string,
  batch: readonly SegmentRequest[],
  bySegment: ReadonlyMap<string, StoredSegment>,
  glossary: readonly string[],
  context?: TranslationContext,
): Promise<Outcome> {
  const protectedTerms = new Map<string, Map<number, string>>();
  const requests = batch.map((s) => {
    const p = protectTerms(xmlCodec.decode(s.text).tokens, glossary);
    protectedTerms.set(s.id, p.terms);
    return { id: s.id, text: xmlCodec.encode(p.tokens) };
  });
  const translate = (segments: readonly SegmentRequest[]) =>
    job.call(() => job.provider.translate({ sourceLocale, targetLocale: job.locale, segments, ...(context ? { context } : {}) }));
  const results = await translate(requests);
  if (results.length !== requests.length || results.some((r, i) => r.id !== requests[i]!.id)) {
    throw new ProviderError(`${job.provider.id} answered ${results.length} segments for ${requests.length}`, { transient: true });
  }
  const outcome: Outcome = { drafts: [], flagged: 0, billed: 0, fromMemory: 0 };
  const check = (id: string, text: string) => {
    const restored = restoreTerms(xmlCodec.decode(text).tokens, protectedTerms.get(id)!);
    // Every provider's answer is normalised here, before it is checked and stored.
    const tokens = normaliseEngineOutput(restored.tokens, bySegment.get(id)!.placeholders);
    const problems = validatePlaceholders(tokens, bySegment.get(id)!.placeholders);
    return { text: xmlCodec.encode(tokens), ok: problems.length === 0 && restored.lost.length === 0 };
  };
  const checked = results.map((r) => ({ ...check(r.id, r.text), provenance: r.provenance }));
  for (const r of results) outcome.billed += r.billedCharacters;
  // Once more, the broken ones alone (in one request): engines often keep the markup of a
  // segment sent without its neighbours.
  const broken = checked.flatMap((c, i) => (c.ok ? [] : [i]));
  if (broken.length > 0) {
    // Should the second request fail (or the job stop meanwhile), the first answers stand, flagged.
    const again = await translate(broken.map((i) => requests[i]!)).catch(() => []);
    for (const [k, i] of broken.entries()) {
      const answer = again[k];
      if (!answer || answer.id !== requests[i]!.id) continue;
      outcome.billed += answer.billedCharacters;
      const second = check(answer.id, answer.text);
      if (second.ok) checked[i] = { ...second, provenance: answer.provenance };
    }
  }
  for (const [i, c] of checked.entries()) {
    // Still broken: stored as the engine wrote it; its findings show with the segment.
    if (!c.ok) outcome.flagged++;
    outcome.drafts.push({ segmentId: results[i]!.id, text: c.text, provenance: c.provenance });
  }
  return outcome;
}

interface Increment {
  done?: number;
  fromMemory?: number;
  flagged?: number;
  failed?: number;
  billed?: number;
  error?: string;
}

async function bump(ctx: OperationContext, job: DraftLocaleJob, inc: Increment, db: Db = ctx.store.db) {
  await db
    .updateTable('draft_job_locales')
    .set((eb) => ({
      done: eb('done', '+', inc.done ?? 0),
      from_memory: eb('from_memory', '+', inc.fromMemory ?? 0),
      flagged: eb('flagged', '+', inc.flagged ?? 0),
      failed: eb('failed', '+', inc.failed ?? 0),
      billed_characters: eb('billed_characters', '+', inc.billed ?? 0),
      ...(inc.error ? { error: inc.error } : {}),
      updated_at: ctx.now().toISOString(),
    }))
    .where('job_id', '=', job.jobId)
    .where('locale', '=', job.locale)
    .execute();
}
