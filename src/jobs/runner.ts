/**
 * Runs draft jobs in the service process: locales in parallel, each provider's requests
 * under its own concurrency cap, transient failures retried with backoff. Jobs left queued
 * or running by a crash are resumed by `resume()` at the next start.
 */
import { EventEmitter } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import { DomainError } from '../errors.ts';
import type { ProviderSet } from '../mt/routing.ts';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from '../mt/retry.ts';
import type { OperationContext } from '../operations/context.ts';
import { getJob } from '../operations/request-drafts.ts';
import { draftLocale } from './draft-locale.ts';

export interface DraftRunnerEvents {
  progress: [jobId: string];
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

  /** Every job a previous process left queued or running. */
  async resume(): Promise<string[]> {
    const jobs = await this.ctx.store.db.selectFrom('draft_jobs').select('id').where('status', 'in', ['queued', 'running']).orderBy('created_at').execute();
    for (const { id } of jobs) void this.run(id);
    return jobs.map((j) => j.id);
  }

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
    await this.setJob(jobId, 'running');
    const pending = Object.entries(job.progress).filter(([, p]) => p.status !== 'done' && p.provider !== null);
    const outcomes = await Promise.all(
      pending.map(async ([locale, p]) => {
        const provider = this.providers.get(p.provider!);
        if (!provider) {
          await this.setLocale(jobId, locale, 'failed', `provider ${p.provider} is not configured`);
          return false;
        }
        const limit = this.limitFor(provider.id, provider.limits.concurrency);
        await this.setLocale(jobId, locale, 'running');
        try {
          await draftLocale(this.ctx, {
            jobId,
            slug: job.slug,
            locale,
            provider,
            call: (fn) => limit(() => withRetry(fn, this.retry)),
            onProgress: () => this.emit('progress', jobId),
          });
          await this.setLocale(jobId, locale, 'done');
          return true;
        } catch (error) {
          const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
          await this.setLocale(jobId, locale, 'failed', message);
          return false;
        }
      }),
    );
    const failed = outcomes.filter((ok) => !ok).length;
    if (pending.length > 0 && failed === pending.length) await this.setJob(jobId, 'failed', `every locale failed (${failed})`);
    else await this.setJob(jobId, 'done', failed > 0 ? `${failed} locale(s) failed` : null);
  }
}
