/**
 * Asks for machine drafts of a statement in several locales: a job is stored (queued),
 * with, per locale, the provider that will serve it and the number of segments to draft.
 * The job runner (src/jobs) does the work, and resumes it after a restart.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { resolveProvider, type ProviderSet, type Routes } from '../mt/routing.ts';
import { segmentRows } from '../store/queries/translations.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { loadOrStartTranslation } from './load-translation.ts';

/**
 * Segments a draft job drafts: untranslated ones, and stale ones without a draft of their
 * current source (a source change empties the machine column; a stale segment keeps its text
 * and gets the new draft beside it). Segments with current human text are not sent.
 */
export const needsDraft = (row: { state: string; machine_text: string | null }) => row.state === 'untranslated' || (row.state === 'stale' && row.machine_text === null);

export interface RequestDraftsInput {
  slug: string;
  locales: readonly string[];
  provider?: string;
}

export async function requestDrafts(ctx: OperationContext, actor: Actor | null, providers: ProviderSet, routes: Routes, input: RequestDraftsInput) {
  if (!Array.isArray(input.locales) || input.locales.length === 0) {
    throw new DomainError('validation_failed', 'Name at least one locale to draft', { field: 'locales', problem: 'at least one locale', issue: { code: 'too_small', origin: 'array', minimum: 1, inclusive: true } });
  }
  const at = iso(ctx);
  const jobId = randomUUID();
  // Providers are resolved before the transaction: availability checks may talk to engines.
  const statementRow = await ctx.store.db.selectFrom('statements').select(['source_locale']).where('slug', '=', input.slug).executeTakeFirst();
  if (!statementRow) throw new DomainError('statement_not_found', `No statement ${JSON.stringify(input.slug)}`, { slug: input.slug });
  return ctx.store.transaction(async (trx) => {
    const locales = [];
    let revisionNumber = 0;
    let statementId = '';
    for (const tag of [...new Set(input.locales)]) {
      const target = await loadOrStartTranslation(trx, input.slug, tag, at);
      if (actor) requireRole(actor, ['translator', 'publisher'], target.locale);
      const resolution = await resolveProvider(providers, routes, target.statement.source_locale, target.locale, input.provider);
      const rows = await segmentRows(trx, target.translation.id, target.revision.number);
      const total = rows.filter((r) => needsDraft(r)).length;
      revisionNumber = target.revision.number;
      statementId = target.statement.id;
      locales.push({
        job_id: jobId,
        locale: target.locale,
        provider: resolution.provider?.id ?? null,
        // A locale no engine serves is drafted too: from translation memory, the rest left for people.
        status: total > 0 ? ('queued' as const) : ('done' as const),
        done: 0,
        total,
        from_memory: 0,
        flagged: 0,
        failed: 0,
        billed_characters: 0,
        error: resolution.provider ? null : `no engine (${resolution.notes.join('; ') || 'no route'}): translation memory only, the rest is left for people`,
        updated_at: at,
      });
    }
    await trx
      .insertInto('draft_jobs')
      .values({ id: jobId, statement_id: statementId, revision: revisionNumber, requested_provider: input.provider ?? null, status: 'queued', error: null, created_by: actor?.id ?? null, created_at: at, updated_at: at })
      .execute();
    await trx.insertInto('draft_job_locales').values(locales).execute();
    return jobId;
  });
}

export interface JobView {
  id: string;
  slug: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'waiting';
  progress: Record<string, {
    done: number; total: number; provider: string | null; status: string; fromMemory: number; flagged: number; failed: number; billedCharacters: number;
    /** Once the locale has finished: the segments this job left without a draft (no engine and no memory hit, or failed), for people. */
    leftForPeople: number;
    error?: string;
  }>;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

export async function getJob(ctx: OperationContext, id: string): Promise<JobView> {
  const job = await ctx.store.db
    .selectFrom('draft_jobs')
    .innerJoin('statements', 'statements.id', 'draft_jobs.statement_id')
    .select(['draft_jobs.id', 'draft_jobs.status', 'draft_jobs.error', 'draft_jobs.created_at', 'draft_jobs.updated_at', 'statements.slug'])
    .where('draft_jobs.id', '=', id)
    .executeTakeFirst();
  if (!job) throw new DomainError('job_not_found', `No job ${id}`, { jobId: id });
  const locales = await ctx.store.db.selectFrom('draft_job_locales').selectAll().where('job_id', '=', id).orderBy('locale').execute();
  const view: JobView = { id: job.id, slug: job.slug, status: job.status, progress: {}, createdAt: job.created_at, updatedAt: job.updated_at };
  if (job.error) view.error = job.error;
  for (const l of locales) {
    view.progress[l.locale] = {
      done: l.done, total: l.total, provider: l.provider, status: l.status, fromMemory: l.from_memory, flagged: l.flagged, failed: l.failed, billedCharacters: l.billed_characters,
      leftForPeople: l.status === 'done' || l.status === 'failed' ? Math.max(0, l.total - l.done) : 0,
      ...(l.error ? { error: l.error } : {}),
    };
  }
  return view;
}
