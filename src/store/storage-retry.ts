/**
 * Waiting for a busy database without blocking the event loop. A statement or transaction the
 * database refused for a transient reason (SQLite: another connection holds the write lock;
 * PostgreSQL, later: a dropped connection, a server restarting, a serialization failure) is
 * tried again after an asynchronous backoff (setTimeout, never a busy loop), until the total
 * wait (EDITIONS_STORAGE_WAIT_MS) is spent; then `storage_busy` (503 with Retry-After). Which
 * errors are transient is the dialect's call (`Store.isTransient`).
 */
import { DomainError } from '../errors.ts';
import { reportStorageRetry } from '../observability.ts';

export interface StorageRetryOptions {
  /** Longest total wait, from the first attempt, before giving up with `storage_busy`. */
  waitMs: number;
  /** The dialect's classification of a transient failure. */
  isTransient: (error: unknown) => boolean;
  /** Waits; tests may pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Around each wait: the SQLite driver gives its connection back while it sleeps. */
  beforeWait?: () => void;
  afterWait?: () => Promise<void>;
}

/** The first wait, and the longest one: short enough that a released lock is taken quickly. */
const firstDelayMs = 5;
const maxDelayMs = 100;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The error code a driver gave, if any (`SQLITE_BUSY`, PostgreSQL's SQLSTATE `57P01`, Node's `ECONNRESET`). */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export async function withStorageRetry<T>(fn: () => Promise<T>, options: StorageRetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      // A DomainError thrown by the work itself (a refusal, a conflict) is never retried.
      if (error instanceof DomainError || !options.isTransient(error)) throw error;
      const waited = Date.now() - started;
      const left = options.waitMs - waited;
      if (left <= 0) {
        throw new DomainError('storage_busy', `The database stayed busy for ${waited} ms`, { waitedMs: waited, reason: errorCode(error) ?? 'busy' });
      }
      // Exponential backoff with half jitter, never past the deadline (the last try comes at it).
      const exponential = Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
      const delay = Math.min(left, Math.ceil(exponential / 2 + (random() * exponential) / 2));
      reportStorageRetry({ attempt, ...(errorCode(error) ? { code: errorCode(error) } : {}) });
      options.beforeWait?.();
      try {
        await sleep(delay);
      } finally {
        await options.afterWait?.();
      }
    }
  }
}
