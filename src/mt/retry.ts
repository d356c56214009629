/**
 * Retries with exponential backoff and full jitter for transient provider failures (429,
 * 5xx, timeouts), honouring Retry-After. Permanent failures are thrown at once.
 */
export class ProviderError extends Error {
  readonly transient: boolean;
  /** Seconds the provider asked us to wait (Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  readonly status: number | undefined;

  constructor(message: string, options: { transient: boolean; status?: number; retryAfterSeconds?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.transient = options.transient;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Waits; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 30_000 };

export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterSeconds?: number): number {
  const random = policy.random ?? Math.random;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = random() * exponential;
  return retryAfterSeconds !== undefined ? Math.min(policy.maxDelayMs, Math.max(retryAfterSeconds * 1000, jittered)) : jittered;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy = defaultRetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const transient = error instanceof ProviderError && error.transient;
      if (!transient || attempt + 1 >= policy.attempts) throw error;
      await sleep(backoffDelay(attempt, policy, error.retryAfterSeconds));
    }
  }
}
