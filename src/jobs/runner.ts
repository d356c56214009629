/**
 * Runs draft jobs in the service process: locales in parallel, each provider's requests
 * under its own concurrency cap, transient failures retried with backoff. Jobs left queued
 * or running by a crash are resumed by `resume()` at the next start. Jobs are started with
 * `start()`, which never lets a failure go unhandled: it is logged with the job's id.
 */
import { EventEmitter } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import { DomainError } from '../errors.ts';
import { silentLogger } from '../observability.ts';
import type { ProviderSet } from '../mt/routing.ts';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from '../mt/retry.ts';
import type { OperationContext } from '../operations/context.ts';
import { getJob } from '../operations/request-drafts.ts';
import { draftLocale } from './draft-locale.ts';

/** A job's outcome when it has finished, for metrics: per locale, what this run drafted. */
export interface DraftJobSummary {
  jobId: string;
  status: 'done' | 'failed';
  locales: { locale: string; engine: string; status: string; fromEngine: number; fromMemory: number }[];
}

export interface DraftRunnerEvents {
  progress: [jobId: string];
  finished: [summary: DraftJobSummary];
  /** The process is shutting down: whoever streams progress ends the stream (clients reconnect elsewhere). */
  closing: [];
}

export class DraftRunner extends EventEmitter<DraftRunnerEvents> {
  private readonly limits = new Map<string, LimitFunction>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: OperationContext,
    private readonly providers: ProviderSet,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {
    super();
  }

  /** Starts a job (again); returns when it has finished. */
  run(jobId: string): Promise<void> {
    const existing = this.running.get(jobId);
    if (existing) return existing;
    const promise = this.execute(jobId).finally(() => this.running.delete(jobId));
    this.running.set(jobId, promise);
    return promise;
  }

  /** Starts a job in the background (fire and forget): a failure is logged with the job's id, never left unhandled. */
  start(jobId: string): void {
    this.run(jobId).catch((error: unknown) => (this.ctx.log ?? silentLogger).error({ jobId, err: error }, 'draft job failed'));
  }

  /** Every job a previous process left queued or running. */
  async resume(): Promise<string[]> {
    const jobs = await this.ctx.store.db.selectFrom('draft_jobs').select('id').where('status', 'in', ['queued', 'running']).orderBy('created_at').execute();
    for (const { id } of jobs) this.start(id);
    return jobs.map((j) => j.id);
  }

  /** Shutdown: progress streams end now. Jobs left running are resumed at the next start (their drafts are stored batch by batch). */
  close(): void {
    this.closed = true;
    this.emit('closing');
  }

  /** True once close() was called. */
  closed = false;

  /** Resolves when no job is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private limitFor(providerId: string, concurrency: number): LimitFunction {
    let limit = this.limits.get(providerId);
    if (!limit) {
      limit = pLimit(concurrency);
      this.limits.set(providerId, limit);
    }
    return limit;
  }

  private async setJob(jobId: string, status: 'running' | 'done' | 'failed', error: string | null = null) {
    await this.ctx.store.db.updateTable('draft_jobs').set({ status, error, updated_at: this.ctx.now().toISOString() }).where('id', '=', jobId).execute();
    this.emit('progress', jobId);
  }

  private async setLocale(jobId: string, locale: string, status: 'running' | 'done' | 'failed', error?: string) {
    await this.ctx.store.db
      .updateTable('draft_job_locales')
      .set({ status, ...(error ? { error } : {}), updated_at: this.ctx.now().toISOString() })
      .where('job_id', '=', jobId)
      .where('locale', '=', locale)
      .execute();
    this.emit('progress', jobId);
  }

  private async execute(jobId: string): Promise<void> {
    const job = await getJob(this.ctx, jobId);
    const log = (this.ctx.log ?? silentLogger).child({ jobId });
    log.info({ slug: job.slug, locales: Object.keys(job.progress) }, 'draft job started');
    await this.setJob(jobId, 'running');
    // A locale without an engine (provider null) is still run: translation memory fills what it can.
    const pending = Object.entries(job.progress).filter(([, p]) => p.status !== 'done');
    const outcomes = await Promise.all(
      pending.map(async ([locale, p]) => {
        const provider = p.provider === null ? null : this.providers.get(p.provider);
        if (provider === undefined) {
          await this.setLocale(jobId, locale, 'failed', `provider ${p.provider} is not configured`);
          return false;
        }
        const limit = provider ? this.limitFor(provider.id, provider.limits.concurrency) : undefined;
        await this.setLocale(jobId, locale, 'running');
        try {
          await draftLocale(this.ctx, {
            jobId,
            slug: job.slug,
            locale,
            provider,
            call: (fn) => (limit ? limit(() => withRetry(fn, this.retry)) : fn()),
            onProgress: () => this.emit('progress', jobId),
          });
          await this.setLocale(jobId, locale, 'done');
          return true;
        } catch (error) {
          const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
          log.warn({ locale, engine: p.provider, err: error }, 'draft locale failed');
          await this.setLocale(jobId, locale, 'failed', message);
          return false;
        }
      }),
    );
    const failed = outcomes.filter((ok) => !ok).length;
    const status = pending.length > 0 && failed === pending.length ? 'failed' : 'done';
    if (status === 'failed') await this.setJob(jobId, 'failed', `every locale failed (${failed})`);
    else await this.setJob(jobId, 'done', failed > 0 ? `${failed} locale(s) failed` : null);
    // What this run drafted (a resumed job counts only what it added).
    const after = await getJob(this.ctx, jobId);
    const locales = pending.map(([locale, before]) => {
      const now = after.progress[locale] ?? before;
      const drafted = Math.max(0, now.done - before.done);
      const fromMemory = Math.min(drafted, Math.max(0, now.fromMemory - before.fromMemory));
      return { locale, engine: before.provider ?? 'none', status: now.status, fromEngine: drafted - fromMemory, fromMemory };
    });
    log.info({ status, failedLocales: failed, locales }, 'draft job finished');
    this.emit('finished', { jobId, status, locales });
  }
}
