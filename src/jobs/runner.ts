/**
 * Runs draft jobs: locales in parallel, each provider's requests under its own concurrency cap,
 * transient failures retried with backoff.
 *
 * Several instances share one database, so a job is claimed before it runs, with a lease, as
 * webhook deliveries are (a conditional UPDATE: `numUpdatedRows === 1` means this runner won):
 * `lease_owner` names this runner, `lease_until` (from the injected clock) is renewed by a
 * heartbeat every third of the lease while the job runs, and the lease is given back when the
 * job finishes or the runner stops. Every batch is stored in a transaction that first checks
 * the lease is still this runner's (on PostgreSQL with `FOR SHARE`, so a takeover waits for a
 * store in progress, or makes it fail and see the new owner), so a runner whose lease was taken
 * over stores nothing more. No job runs twice at once; segments already stored are never sent
 * again (draft-locale.ts sends only what still needs a draft).
 *
 * `resume()` (at start) takes every unfinished job it can claim; a periodic sweep (`startSweep`)
 * takes jobs whose lease expired (their instance died) and `waiting` jobs that are due again.
 * A locale that meets a transient failure of the database (`storage_busy`, a dropped
 * connection) or of its engine (after the engine's own retries) is run again after a backoff
 * (`localeRetry`), continuing where its stored batches end; one that still fails is left
 * `waiting`, and so is its job, due again after a longer backoff (`waitingRetry`). A permanent
 * refusal (an unsupported pair, an engine without credentials or refusing them) fails the
 * locale. `start()` never lets a failure go unhandled: it is logged with the job's id.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import pLimit, { type LimitFunction } from 'p-limit';
import { DomainError } from '../errors.ts';
import { silentLogger, type Logger } from '../observability.ts';
import type { ProviderSet } from '../mt/routing.ts';
import { backoffDelay, defaultRetryPolicy, ProviderError, withRetry, type RetryPolicy } from '../mt/retry.ts';
import type { OperationContext } from '../operations/context.ts';
import { getJob } from '../operations/request-drafts.ts';
import type { Db } from '../store/store.ts';
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

/** The job is no longer this runner's: its lease expired and another runner claimed it. Nothing more is stored. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`draft job ${jobId}: the lease was taken over`);
    this.name = 'LeaseLost';
  }
}

/** The runner is stopping: the job is given back, to be taken by another instance (or the next start). */
export class RunnerStopped extends Error {
  constructor() {
    super('the draft runner is stopping');
    this.name = 'RunnerStopped';
  }
}

/**
 * Runs of a locale after a transient failure (the database busy past the store's wait, an
 * engine failing transiently), with exponential backoff and full jitter: about 4 minutes in
 * all at most, then the locale is left `waiting`.
 */
export const defaultLocaleRetryPolicy: RetryPolicy = { attempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** Between rounds of a `waiting` job: 1 minute doubling to 1 hour (half jitter), for as long as it stays waiting. */
export const defaultWaitingRetryPolicy: RetryPolicy = { attempts: Number.POSITIVE_INFINITY, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

export const defaultLeaseMs = 30_000;
export const defaultSweepMs = 2000;

export interface DraftRunnerOptions {
  /** Runs of a locale after a transient failure (defaultLocaleRetryPolicy). */
  localeRetry?: RetryPolicy;
  /** Waits between rounds of a job left `waiting` (defaultWaitingRetryPolicy). */
  waitingRetry?: RetryPolicy;
  /** How long a claimed job stays this runner's without a renewal (EDITIONS_JOB_LEASE_MS). */
  leaseMs?: number;
  /** How often the sweep looks for jobs to take (EDITIONS_JOB_SWEEP_MS). */
  sweepMs?: number;
  /** This runner's name in leases; by default host, pid and a random part. */
  owner?: string;
}

type Outcome = 'done' | 'failed' | 'waiting' | 'stopped';
const unfinished = ['queued', 'running', 'waiting'] as const;

interface JobRun {
  control: AbortController;
  /** Whether this runner won the job. */
  claimed: Promise<boolean>;
  /** Resolves when the run has ended: true if this runner ran it. */
  promise: Promise<boolean>;
}

export class DraftRunner extends EventEmitter<DraftRunnerEvents> {
  private readonly limits = new Map<string, LimitFunction>();
  private readonly running = new Map<string, JobRun>();
  private readonly localeRetry: RetryPolicy;
  private readonly waitingRetry: RetryPolicy;
  readonly leaseMs: number;
  private readonly sweepMs: number;
  /** The name this runner claims jobs under. */
  readonly owner: string;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<string[]> | undefined;

  /** True once close() (or stop()) was called. */
  closed = false;

  constructor(
    private readonly ctx: OperationContext,
    private readonly providers: ProviderSet,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
    options: DraftRunnerOptions = {},
  ) {
    super();
    this.localeRetry = options.localeRetry ?? defaultLocaleRetryPolicy;
    this.waitingRetry = options.waitingRetry ?? defaultWaitingRetryPolicy;
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
    this.sweepMs = options.sweepMs ?? defaultSweepMs;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  private get log(): Logger {
    return this.ctx.log ?? silentLogger;
  }

  /** Claims a job and runs it; resolves when it has finished: true if this runner ran it, false if another holds it (or it is finished). */
  run(jobId: string): Promise<boolean> {
    return this.begin(jobId, 'now').promise;
  }

  /** Starts a job in the background (fire and forget): a failure is logged with the job's id, never left unhandled. */
  start(jobId: string): void {
    this.run(jobId).catch((error: unknown) => this.log.error({ jobId, err: error }, 'draft job failed'));
  }

  /**
   * Every unfinished job (queued, running, waiting) that no live runner holds: those left by a
   * previous process, and waiting ones even before they are due. Returns the ids this runner
   * claimed (and started). `waitForLeases`: a job whose lease is still held (its process was
   * killed less than a lease ago) is waited for until the lease ends, then claimed unless its
   * holder renewed it (the CLI's `drafts --resume`; the service leaves those to its sweep).
   */
  async resume(options: { waitForLeases?: boolean } = {}): Promise<string[]> {
    const jobs = await this.ctx.store.db.selectFrom('draft_jobs').select(['id', 'lease_owner', 'lease_until']).where('status', 'in', unfinished).orderBy('created_at').execute();
    const claimed: string[] = [];
    const held: { id: string; until: string }[] = [];
    for (const job of jobs) {
      if (await this.claimAndStart(job.id, 'now')) claimed.push(job.id);
      else if (job.lease_owner !== null && job.lease_until !== null) held.push({ id: job.id, until: job.lease_until });
    }
    if (options.waitForLeases) {
      for (const job of held) {
        const current = await this.ctx.store.db.selectFrom('draft_jobs').select(['status', 'lease_until']).where('id', '=', job.id).executeTakeFirst();
        if (!current || !(unfinished as readonly string[]).includes(current.status)) continue;
        const ms = Date.parse(current.lease_until ?? job.until) - this.ctx.now().getTime();
        if (ms > 0) {
          this.log.info({ jobId: job.id, ms }, 'draft job held by another process: waiting for its lease to end');
          if (!(await this.pause(ms + 10))) break;
        }
        if (await this.claimAndStart(job.id, 'now')) claimed.push(job.id);
        else this.log.info({ jobId: job.id }, 'draft job is being drafted by another process');
      }
    }
    return claimed;
  }

  /** Looks for jobs to take every `sweepMs` (timer unref'd) until close(). */
  startSweep(): void {
    if (this.sweepTimer || this.closed) return;
    this.sweepTimer = setInterval(() => void this.sweep(), this.sweepMs);
    this.sweepTimer.unref();
  }

  /**
   * Takes, once, every unfinished job nobody holds and that is due: a lease expired (its
   * instance died or lost the database for longer than the lease), a lease given back (an
   * instance stopped), a `waiting` job whose backoff has passed, a queued job nobody claimed
   * within a lease of its request. Resolves with the ids claimed.
   */
  sweep(): Promise<string[]> {
    if (this.closed) return Promise.resolve([]);
    this.sweeping ??= this.sweepOnce()
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'draft job sweep failed (tried again at the next sweep)');
        return [];
      })
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<string[]> {
    const at = this.ctx.now();
    const now = at.toISOString();
    // A job just requested is left to the instance that accepted it (it claims it at once) for one lease.
    const fresh = new Date(at.getTime() - this.leaseMs).toISOString();
    const due = await this.ctx.store.db
      .selectFrom('draft_jobs')
      .select('id')
      .where('status', 'in', unfinished)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .where((eb) => eb.or([eb('status', '!=', 'queued'), eb('lease_owner', 'is not', null), eb('updated_at', '<=', fresh)]))
      .orderBy('created_at')
      .limit(100)
      .execute();
    const claimed: string[] = [];
    for (const { id } of due) {
      if (this.closed) break;
      if (this.running.has(id)) continue;
      if (await this.claimAndStart(id, 'due')) claimed.push(id);
    }
    if (claimed.length > 0) this.log.info({ jobIds: claimed }, `took over ${claimed.length} draft job(s)`);
    return claimed;
  }

  private async claimAndStart(jobId: string, mode: 'now' | 'due'): Promise<boolean> {
    const run = this.begin(jobId, mode);
    run.promise.catch((error: unknown) => this.log.error({ jobId, err: error }, 'draft job failed'));
    return run.claimed.catch(() => false);
  }

  /**
   * Shutdown begins: the sweep stops, progress streams end now, and every job stops at its next
   * batch (the batches in flight are still stored) and is given back. See stop().
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const run of this.running.values()) run.control.abort(new RunnerStopped());
    this.emit('closing');
  }

  /**
   * Shutdown: close(), then lets the batches in flight be stored for up to `graceMs`; the jobs
   * are given back as they stop, and whatever still runs after the grace is given back at once
   * (its batch in flight is then discarded: the next runner sends it again). Another instance
   * takes the jobs at its next sweep, without waiting for the leases to expire.
   */
  async stop(graceMs = 0): Promise<void> {
    this.close();
    const runs = [...this.running.values()].map((r) => r.promise.catch(() => true));
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([Promise.all(runs).then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    clearTimeout(timer);
    if (settled) return;
    const released = await this.ctx.store.db
      .updateTable('draft_jobs')
      .set({ lease_owner: null, lease_until: null })
      .where('lease_owner', '=', this.owner)
      .executeTakeFirst()
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'draft job leases not given back (they expire)');
        return undefined;
      });
    if (released && Number(released.numUpdatedRows) > 0) this.log.info({ jobs: Number(released.numUpdatedRows) }, 'draft jobs given back at shutdown with a batch in flight');
  }

  /** Resolves when no job is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()].map((r) => r.promise));
  }

  private begin(jobId: string, mode: 'now' | 'due'): JobRun {
    const existing = this.running.get(jobId);
    if (existing) return { ...existing, claimed: Promise.resolve(false) };
    const control = new AbortController();
    const claimed = this.closed ? Promise.resolve(false) : this.claim(jobId, mode);
    const promise = claimed
      .then(async (won) => {
        if (!won) return false;
        await this.drive(jobId, control);
        return true;
      })
      .finally(() => this.running.delete(jobId));
    const run = { control, claimed, promise };
    this.running.set(jobId, run);
    return run;
  }

  private leaseUntil(): string {
    return new Date(this.ctx.now().getTime() + this.leaseMs).toISOString();
  }

  /**
   * Claims a job with a conditional update. `now` (a request, resume at start): any unfinished
   * job nobody holds, or whose lease has expired. `due` (the sweep): the same, but a `waiting`
   * job only once its backoff has passed.
   */
  private async claim(jobId: string, mode: 'now' | 'due'): Promise<boolean> {
    const now = this.ctx.now().toISOString();
    const result = await this.ctx.store.db
      .updateTable('draft_jobs')
      .set({ lease_owner: this.owner, lease_until: this.leaseUntil() })
      .where('id', '=', jobId)
      .where('status', 'in', unfinished)
      .where((eb) =>
        mode === 'now'
          ? eb.or([eb('lease_owner', 'is', null), eb('lease_until', 'is', null), eb('lease_until', '<=', now)])
          : eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return true;
    // Refuse a job that does not exist (job_not_found), rather than say nothing.
    if (mode === 'now') await getJob(this.ctx, jobId);
    return false;
  }

  /** Renews the lease; a lease another runner has taken stops the job. */
  private async renew(jobId: string, control: AbortController, log: Logger): Promise<void> {
    try {
      const result = await this.ctx.store.db.updateTable('draft_jobs').set({ lease_until: this.leaseUntil() }).where('id', '=', jobId).where('lease_owner', '=', this.owner).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0 && !control.signal.aborted) control.abort(new LeaseLost(jobId));
    } catch (error) {
      // The database is away: the job's own writes wait and retry; the lease is renewed once it is back, unless it was taken over.
      log.warn({ err: error }, 'draft job lease not renewed');
    }
  }

  /** Inside a batch's transaction: the job is still this runner's (else LeaseLost, and the transaction stores nothing). */
  private async fence(trx: Db, jobId: string): Promise<void> {
    let query = trx.selectFrom('draft_jobs').select('lease_owner').where('id', '=', jobId);
    if (this.ctx.store.dialect === 'postgres') query = query.forShare();
    const row = await query.executeTakeFirst();
    if (row?.lease_owner !== this.owner) throw new LeaseLost(jobId);
  }

  private async drive(jobId: string, control: AbortController): Promise<void> {
    const log = this.log.child({ jobId });
    const heartbeat = setInterval(() => void this.renew(jobId, control, log), Math.max(10, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    try {
      await this.execute(jobId, control, log);
    } finally {
      clearInterval(heartbeat);
      const reason: unknown = control.signal.reason;
      if (reason instanceof RunnerStopped) {
        const released = await this.ctx.store.db
          .updateTable('draft_jobs')
          .set({ lease_owner: null, lease_until: null })
          .where('id', '=', jobId)
          .where('lease_owner', '=', this.owner)
          .executeTakeFirst()
          .then((r) => Number(r.numUpdatedRows) === 1)
          .catch((error: unknown) => {
            log.warn({ err: error }, 'draft job lease not given back (it expires)');
            return false;
          });
        if (released) log.info({}, 'draft job given back at shutdown');
      } else if (reason instanceof LeaseLost) {
        log.warn({}, 'draft job taken over by another runner: stopped here');
      }
    }
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

  /** Waits; a shutdown (or the job's end) ends the wait at once (resolves false). */
  private pause(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (goOn: boolean) => {
        clearTimeout(timer);
        this.off('closing', onClose);
        signal?.removeEventListener('abort', onClose);
        resolve(goOn);
      };
      const onClose = () => done(false);
      const timer = setTimeout(() => done(true), ms);
      this.once('closing', onClose);
      signal?.addEventListener('abort', onClose);
    });
  }

  /** Writes job state, trying again after a transient failure like a locale's run. */
  private async persist(fn: () => Promise<void>, signal?: AbortSignal): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (!this.isTransient(error) || attempt + 1 >= this.localeRetry.attempts) throw error;
        if (!(await this.pause(backoffDelay(attempt, this.localeRetry), signal))) throw error;
      }
    }
  }

  /** The job's state, while it is this runner's (else LeaseLost). */
  private async setJob(jobId: string, status: 'running' | 'done' | 'failed' | 'waiting', error: string | null = null) {
    const at = this.ctx.now();
    const set =
      status === 'running' ? { status, error, updated_at: at.toISOString() }
      : status === 'waiting' ? await this.waitingState(jobId, at, error)
      : { status, error, updated_at: at.toISOString(), lease_owner: null, lease_until: null, waits: 0 };
    const result = await this.ctx.store.db.updateTable('draft_jobs').set(set).where('id', '=', jobId).where('lease_owner', '=', this.owner).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new LeaseLost(jobId);
    this.emit('progress', jobId);
  }

  /** A job left waiting: nobody holds it; it is due again after the waiting backoff (half jitter, never at once), longer each round. */
  private async waitingState(jobId: string, at: Date, error: string | null) {
    const row = await this.ctx.store.db.selectFrom('draft_jobs').select('waits').where('id', '=', jobId).executeTakeFirst();
    const waits = row?.waits ?? 0;
    const policy = this.waitingRetry;
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** waits);
    const ms = exponential / 2 + ((policy.random ?? Math.random)() * exponential) / 2;
    return { status: 'waiting' as const, error, updated_at: at.toISOString(), lease_owner: null, lease_until: new Date(at.getTime() + ms).toISOString(), waits: waits + 1 };
  }

  private async setLocale(jobId: string, locale: string, status: 'running' | 'done' | 'failed' | 'waiting', error?: string) {
    const result = await this.ctx.store.db
      .updateTable('draft_job_locales')
      .set({ status, ...(error ? { error } : {}), updated_at: this.ctx.now().toISOString() })
      .where('job_id', '=', jobId)
      .where('locale', '=', locale)
      .where((eb) => eb.exists(eb.selectFrom('draft_jobs').select('draft_jobs.id').where('draft_jobs.id', '=', jobId).where('draft_jobs.lease_owner', '=', this.owner)))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new LeaseLost(jobId);
    this.emit('progress', jobId);
  }

  private async execute(jobId: string, control: AbortController, log: Logger): Promise<void> {
    const signal = control.signal;
    if (signal.aborted) return;
    /** A lease found taken over stops the whole job. */
    const lost = (error: unknown) => {
      if (error instanceof LeaseLost && !signal.aborted) control.abort(error);
      return signal.aborted;
    };
    const job = await getJob(this.ctx, jobId);
    log.info({ slug: job.slug, locales: Object.keys(job.progress), owner: this.owner }, 'draft job started');
    try {
      await this.persist(() => this.setJob(jobId, 'running'), signal);
    } catch (error) {
      if (lost(error)) return;
      throw error;
    }
    // A locale without an engine (provider null) is still run: translation memory fills what it can.
    const pending = Object.entries(job.progress).filter(([, p]) => p.status !== 'done');
    const settled = await Promise.allSettled(
      pending.map(async ([locale, p]): Promise<Outcome> => {
        const provider = p.provider === null ? null : this.providers.get(p.provider);
        if (provider === undefined) {
          await this.persist(() => this.setLocale(jobId, locale, 'failed', `provider ${p.provider} is not configured`), signal);
          return 'failed';
        }
        const limit = provider ? this.limitFor(provider.id, provider.limits.concurrency) : undefined;
        for (let attempt = 0; ; attempt++) {
          if (signal.aborted) return 'stopped';
          try {
            await this.setLocale(jobId, locale, 'running');
            // Each run sends only what is still without a draft: stored batches are kept.
            await draftLocale(this.ctx, {
              jobId,
              slug: job.slug,
              locale,
              provider,
              signal,
              fence: (trx) => this.fence(trx, jobId),
              call: (fn) =>
                limit
                  ? limit(() => {
                      // A stopping job sends nothing more (the batches already sent are stored).
                      signal.throwIfAborted();
                      return withRetry(fn, this.retry);
                    })
                  : fn(),
              onProgress: () => this.emit('progress', jobId),
            });
            await this.setLocale(jobId, locale, 'done');
            return 'done';
          } catch (error) {
            if (lost(error)) return 'stopped';
            const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
            if (!this.isTransient(error)) {
              log.warn({ locale, engine: p.provider, err: error }, 'draft locale failed');
              await this.persist(() => this.setLocale(jobId, locale, 'failed', message), signal);
              return 'failed';
            }
            const last = attempt + 1 >= this.localeRetry.attempts;
            const delayMs = backoffDelay(attempt, this.localeRetry);
            log.warn({ locale, engine: p.provider, attempt: attempt + 1, ...(last ? {} : { delayMs }), err: error }, last ? 'draft locale left waiting for the next start' : 'draft locale will be retried');
            if (!last && !(await this.pause(delayMs, signal))) return 'stopped';
            if (last) {
              // Due again after the waiting backoff (any instance's sweep); should even this write fail, the locale stays `running` and the job is taken again once its lease expires.
              await this.persist(() => this.setLocale(jobId, locale, 'waiting', message), signal).catch((e: unknown) => log.warn({ locale, err: e }, 'draft locale state not recorded'));
              return 'waiting';
            }
          }
        }
      }),
    );
    const outcomes: Outcome[] = [];
    for (const s of settled) {
      if (s.status === 'fulfilled') outcomes.push(s.value);
      else if (!lost(s.reason)) throw s.reason;
    }
    if (signal.aborted || outcomes.includes('stopped')) return;
    const failed = outcomes.filter((o) => o === 'failed').length;
    const waiting = outcomes.filter((o) => o === 'waiting').length;
    const status = waiting > 0 ? 'waiting' : pending.length > 0 && failed === pending.length ? 'failed' : 'done';
    try {
      if (status === 'waiting') await this.persist(() => this.setJob(jobId, 'waiting', `${waiting} locale(s) waiting to be resumed${failed > 0 ? `, ${failed} failed` : ''}`), signal);
      else if (status === 'failed') await this.persist(() => this.setJob(jobId, 'failed', `every locale failed (${failed})`), signal);
      else await this.persist(() => this.setJob(jobId, 'done', failed > 0 ? `${failed} locale(s) failed` : null), signal);
    } catch (error) {
      if (lost(error)) return;
      throw error;
    }
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
