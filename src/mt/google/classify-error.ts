/**
 * Google client errors → ProviderError. The REST transport rejects with a GaxiosError
 * carrying the HTTP status (`code` 429, `response.headers` with Retry-After); newer
 * google-gax versions may report gRPC codes instead, so both are understood.
 */
import { ProviderError, parseRetryAfter } from '../retry.ts';

const grpcToHttp: Record<number, number> = { 8: 429, 13: 500, 14: 503, 4: 504, 3: 400, 7: 403, 16: 401, 5: 404 };

interface ClientError {
  name?: string;
  code?: unknown;
  status?: unknown;
  message?: string;
  constructor?: { name?: string };
  error?: { name?: string };
  response?: { status?: number; headers?: { get?: (name: string) => string | null } };
}

export function classifyGoogleError(error: unknown): ProviderError {
  const e = (error ?? {}) as ClientError;
  const status =
    typeof e.response?.status === 'number' ? e.response.status
    : typeof e.status === 'number' ? e.status
    : typeof e.code === 'number' && e.code >= 100 ? e.code
    : typeof e.code === 'number' ? grpcToHttp[e.code]
    : undefined;
  const retryAfter = parseRetryAfter(e.response?.headers?.get?.('retry-after') ?? undefined);
  const network = typeof e.code === 'string';
  const timedOut = e.error?.name === 'AbortError' || e.name === 'AbortError' || e.name === 'TimeoutError';
  const transient = timedOut || network || status === 429 || status === 408 || (status !== undefined && status >= 500);
  const message = `google: ${status ?? (network ? String(e.code) : timedOut ? 'timeout' : 'error')}: ${(e.message ?? String(error)).slice(0, 300)}`;
  return new ProviderError(message, { transient, cause: error, ...(status !== undefined ? { status } : {}), ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) });
}
