/**
 * Whole-document work off the event loop: a pool of worker threads (piscina) running the
 * tasks of tasks.ts, so that parsing, segmenting, reassembling, quality checks and rendering
 * never stall other requests. Each task has a time limit counted from when a worker starts it
 * (past it the worker is terminated and replaced); the caller gets `input_too_complex` naming
 * the time limit when the task was reading a request's new document, and `service_busy` (503,
 * try again) when it was working on what is already stored, which was accepted within the
 * limits and is slow only because the machine is (`taskInput`). Tasks waiting beyond the
 * queue's bound are refused with `service_busy`. Only structured-clonable data crosses. Workers load the TypeScript sources
 * through tsx, as `npm start` does.
 *
 * The service makes one pool at start (server/main.ts) and closes it on shutdown; operations
 * reach it through OperationContext.documents, or, where a context has none (tests, tools),
 * through a pool made on first use with the default settings, whose idle workers do not keep
 * the process alive.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { DomainError } from '../errors.ts';
import { defaultLimits, tooComplex, type DocumentLimits } from '../markdown/limits.ts';
import { runDocumentTask, type DocumentTaskInput, type DocumentTaskName, type DocumentTaskOutput } from './tasks.ts';
import type { WorkerAnswer, WorkerTask } from './worker.ts';

export interface DocumentWorkerSettings {
  limits: DocumentLimits;
  /** Longest a task may run. */
  timeoutMs: number;
  /** Worker threads at most. */
  workers: number;
  /** Tasks that may wait for a worker; more are refused (service_busy). */
  queue: number;
}

/** Two workers at least (one hostile document does not hold up the rest), at most four. */
export const defaultDocumentSettings: DocumentWorkerSettings = {
  limits: defaultLimits,
  timeoutMs: 15_000,
  workers: Math.min(4, Math.max(2, availableParallelism() - 1)),
  queue: 100,
};

/**
 * What each task reads: a request's new document (`new`: past the time limit, the document is
 * too complex, 422) or what is stored (`stored`: past it, the machine is busy, 503 and try
 * again; a stored statement must not become unreadable because the machine was loaded).
 */
export const taskInput: Record<DocumentTaskName, 'new' | 'stored'> = {
  source: 'new',
  tmx: 'new',
  tbx: 'new',
  glossaryCsv: 'new',
  xliff: 'new',
  align: 'new',
  reassemble: 'stored',
  quality: 'stored',
  render: 'stored',
  correction: 'stored',
};

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export class DocumentWorkers {
  private readonly pool: Piscina<WorkerTask, WorkerAnswer>;
  private waiting = 0;
  private closed = false;

  constructor(
    readonly settings: DocumentWorkerSettings = defaultDocumentSettings,
    /** Workers kept started when idle (the service keeps one warm). */
    warm = 0,
  ) {
    this.pool = new Piscina({
      filename: new URL('./worker.ts', import.meta.url).href,
      execArgv: ['--import', tsx],
      minThreads: Math.min(warm, settings.workers),
      maxThreads: settings.workers,
      idleTimeout: 30_000,
      // Workers yield the CPU to the event loop (Linux: a higher nice value per worker thread).
      niceIncrement: 10,
    });
  }

  /** Runs a task of tasks.ts in a worker; its DomainError (a limit) is thrown here. */
  async run<N extends DocumentTaskName>(name: N, input: DocumentTaskInput<N>): Promise<DocumentTaskOutput<N>> {
    if (this.closed) throw new Error('document workers closed');
    const { timeoutMs, limits, workers, queue } = this.settings;
    if (this.waiting >= workers + queue) {
      throw new DomainError('service_busy', `${this.waiting} document tasks are in hand; try again shortly`, { tasks: this.waiting });
    }
    this.waiting++;
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      started = performance.now();
      timer = setTimeout(() => abort.abort(), timeoutMs);
    });
    try {
      const answer = await this.pool.run({ name, input, limits, started: port2 }, { transferList: [port2], signal: abort.signal });
      if (!answer.ok) throw new DomainError(answer.error.code, answer.error.message, answer.error.details);
      return answer.value as DocumentTaskOutput<N>;
    } catch (error) {
      if (abort.signal.aborted) {
        const ms = Math.round(performance.now() - started);
        if (taskInput[name] === 'new') throw tooComplex('time', ms, timeoutMs);
        throw new DomainError('service_busy', `A stored document took over ${timeoutMs} ms to process; try again shortly`, { tasks: this.waiting, ms, max: timeoutMs });
      }
      throw error;
    } finally {
      this.waiting--;
      clearTimeout(timer);
      port1.close();
    }
  }

  /** Tasks running or waiting. */
  get inHand(): number {
    return this.waiting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.destroy();
  }
}

/** What operations need of a pool. */
export type DocumentRunner = Pick<DocumentWorkers, 'run'>;

/**
 * A runner that answers a task it has seen with the same input from memory: an operation
 * does its document work before its write transaction, then, in the transaction, asks again
 * with what it reads there, and waits on a worker only if something changed meanwhile.
 */
export function memoized(runner: DocumentRunner): DocumentRunner {
  const seen = new Map<string, Promise<unknown>>();
  const key = (name: string, input: unknown) => `${name}:${JSON.stringify(input, (_, v: unknown) => (v instanceof Map ? [...v] : v))}`;
  return {
    run: <N extends DocumentTaskName>(name: N, input: DocumentTaskInput<N>) => {
      const k = key(name, input);
      let answer = seen.get(k) as Promise<DocumentTaskOutput<N>> | undefined;
      if (!answer) {
        answer = runner.run(name, input);
        seen.set(k, answer);
        answer.catch(() => seen.delete(k));
      }
      return answer;
    },
  };
}

/** The tasks run in this thread, within the limits but with no time limit: for the CLI, the operator's own process. */
export function inThisThread(limits: DocumentLimits = defaultLimits): DocumentRunner {
  return { run: async (name, input) => runDocumentTask(name, input, limits) };
}

let shared: DocumentWorkers | undefined;

/** The context's pool, else one made on first use with the default settings. */
export function documentsOf(ctx: { documents?: DocumentRunner }): DocumentRunner {
  if (ctx.documents) return ctx.documents;
  shared ??= new DocumentWorkers();
  return shared;
}
