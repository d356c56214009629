/**
 * Runs draft jobs in the service process: locales in parallel, each provider's requests
 * under its own concurrency cap, transient failures retried with backoff. A locale that meets
 * a transient failure of the database (`storage_busy`, after the store's own wait) or of its
 * engine is run again after a backoff (`localeRetry`), continuing where its stored batches
 * end; one that still fails is left `waiting`, and so is its job. Jobs left queued, running
 * (a crash) or waiting are resumed by `resume()` at the next start of any instance. Jobs are
 * started with `start()`, which never lets a failure go unhandled: it is logged with the job's id.
 */
import { EventEmitter } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import { DomainError } from '../errors.ts';
import { silentLogger } from '../observability.ts';
import type { ProviderSet } from '../mt/routing.ts';
import { backoffDelay, defaultRetryPolicy, ProviderError, withRetry, type RetryPolicy } from '../mt/retry.ts';
import type { OperationContext } from '../operations/context.ts';
import { getJob } from '../operations/request-drafts.ts';
import { draftLocale } from './draft-locale.ts';

/** A job's outcome when it has finished, for metrics: per locale, what this run drafted. */
export interface DraftJobSummary {
  jobId: string;
  status: 'done' | 'failed' | 'waiting';
  locales: { locale: string; engine: string; status: string; fromEngine: number; fromMemory: number }[];
}

export interface DraftRunnerEvents {
  progress: [jobId: string];
  finished: [summary: DraftJobSummary];
  /** The process is shutting down: whoever streams progress ends the stream (clients reconnect elsewhere). */
  closing: [];
}

/**
 * Runs of a locale after a transient failure (the database busy past the store's wait, an
 * engine failing transiently), with exponential backoff and full jitter: about 4 minutes in
 * all at most, then the locale is left `waiting` for the next start.
 */
export const defaultLocaleRetryPolicy: RetryPolicy = { attempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface DraftRunnerOptions {
  /** Runs of a locale after a transient failure (defaultLocaleRetryPolicy). */
  localeRetry?: RetryPolicy;
}

export class DraftRunner extends EventEmitter<DraftRunnerEvents> {
  private readonly limits = new Map<string, LimitFunction>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly localeRetry: RetryPolicy;

  constructor(
    private readonly ctx: OperationContext,
    private readonly providers: ProviderSet,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
    options: DraftRunnerOptions = {},
  ) {
    super();
    this.localeRetry = options.localeRetry ?? defaultLocaleRetryPolicy;
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

  /** Every job a previous process left queued, running, or waiting after a transient failure. */
  async resume(): Promise<string[]> {
    const jobs = await this.ctx.store.db.selectFrom('draft_jobs').select('id').where('status', 'in', ['queued', 'running', 'waiting']).orderBy('created_at').execute();
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

  /** A failure worth trying again later: the database busy or gone for a while, an engine's transient failure. */
  private isTransient(error: unknown): boolean {
    if (error instanceof DomainError) return error.code === 'storage_busy';
    return (error instanceof ProviderError && error.transient) || this.ctx.store.isTransient(error);
  }

  /** Waits before the next run of a locale; a shutdown ends the wait at once (resolves false). */
  private pause(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (goOn: boolean) => {
        clearTimeout(timer);
        this.off('closing', onClose);
        resolve(goOn);
      };
      const onClose = () => done(false);
      const timer = setTimeout(() => done(true), ms);
      this.once('closing', onClose);
    });
  }

  /** Writes job state, trying again after a transient failure like a locale's run. */
  private async persist(fn: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (!this.isTransient(error) || attempt + 1 >= this.localeRetry.attempts) throw error;
        if (!(await this.pause(backoffDelay(attempt, this.localeRetry)))) throw error;
      }
    }
  }

  private async setJob(jobId: string, status: 'running' | 'done' | 'failed' | 'waiting', error: string | null = null) {
    await this.ctx.store.db.updateTable('draft_jobs').set({ status, error, updated_at: this.ctx.now().toISOString() }).where('id', '=', jobId).execute();
    this.emit('progress', jobId);
  }

  private async setLocale(jobId: string, locale: string, status: 'running' | 'done' | 'failed' | 'waiting', error?: string) {
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
    await this.persist(() => this.setJob(jobId, 'running'));
    // A locale without an engine (provider null) is still run: translation memory fills what it can.
    const pending = Object.entries(job.progress).filter(([, p]) => p.status !== 'done');
    const outcomes = await Promise.all(
      pending.map(async ([locale, p]): Promise<'done' | 'failed' | 'waiting'> => {
        const provider = p.provider === null ? null : this.providers.get(p.provider);
        if (provider === undefined) {
          await this.persist(() => this.setLocale(jobId, locale, 'failed', `provider ${p.provider} is not configured`));
          return 'failed';
        }
        const limit = provider ? this.limitFor(provider.id, provider.limits.concurrency) : undefined;
        for (let attempt = 0; ; attempt++) {
          try {
            await this.setLocale(jobId, locale, 'running');
            // Each run sends only what is still without a draft: stored batches are kept.
            await draftLocale(this.ctx, {
              jobId,
              slug: job.slug,
              locale,
              provider,
              call: (fn) => (limit ? limit(() => withRetry(fn, this.retry)) : fn()),
              onProgress: () => this.emit('progress', jobId),
            });
            await this.setLocale(jobId, locale, 'done');
            return 'done';
          } catch (error) {
            const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
            if (!this.isTransient(error)) {
              log.warn({ locale, engine: p.provider, err: error }, 'draft locale failed');
              await this.persist(() => this.setLocale(jobId, locale, 'failed', message));
              return 'failed';
            }
            const last = attempt + 1 >= this.localeRetry.attempts;
            const delayMs = backoffDelay(attempt, this.localeRetry);
            log.warn({ locale, engine: p.provider, attempt: attempt + 1, ...(last ? {} : { delayMs }), err: error }, last ? 'draft locale left waiting for the next start' : 'draft locale will be retried');
            if (last || !(await this.pause(delayMs))) {
              // Left for the next start (or `editions drafts --resume`); should even this write fail, the locale stays `running`, resumed just the same.
              await this.persist(() => this.setLocale(jobId, locale, 'waiting', message)).catch((e: unknown) => log.warn({ locale, err: e }, 'draft locale state not recorded'));
              return 'waiting';
            }
          }
        }
      }),
    );
    const failed = outcomes.filter((o) => o === 'failed').length;
    const waiting = outcomes.filter((o) => o === 'waiting').length;
    const status = waiting > 0 ? 'waiting' : pending.length > 0 && failed === pending.length ? 'failed' : 'done';
    if (status === 'waiting') await this.persist(() => this.setJob(jobId, 'waiting', `${waiting} locale(s) waiting to be resumed${failed > 0 ? `, ${failed} failed` : ''}`));
    else if (status === 'failed') await this.persist(() => this.setJob(jobId, 'failed', `every locale failed (${failed})`));
    else await this.persist(() => this.setJob(jobId, 'done', failed > 0 ? `${failed} locale(s) failed` : null));
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
