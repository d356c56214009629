import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, ProviderError, withRetry } from '../../src/mt/retry.ts';

describe('retries', () => {
  it('back off exponentially with full jitter, capped', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 };
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(3, { ...policy, random: () => 0.5 })).toBe(400);
  });

  it('honour Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(backoffDelay(0, { attempts: 3, baseDelayMs: 100, maxDelayMs: 60_000, random: () => 0 }, 7)).toBe(7000);
  });

  it('retry transient errors only, up to the number of attempts', async () => {
    const waits: number[] = [];
    const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 100, random: () => 1, sleep: async (ms: number) => void waits.push(ms) };
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new ProviderError('busy', { transient: true, status: 503 }); }, policy)).rejects.toThrow('busy');
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);

    calls = 0;
    await expect(withRetry(async () => { calls++; throw new ProviderError('bad request', { transient: false, status: 400 }); }, policy)).rejects.toThrow('bad request');
    expect(calls).toBe(1);

    calls = 0;
    expect(await withRetry(async (attempt) => { calls++; if (attempt === 0) throw new ProviderError('429', { transient: true, retryAfterSeconds: 0.05 }); return 'ok'; }, policy)).toBe('ok');
    expect(waits.at(-1)).toBe(50);
  });
});
