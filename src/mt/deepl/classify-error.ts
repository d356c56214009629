/**
 * deepl-node errors → ProviderError. The client reports the HTTP status by error class and
 * message only (AuthorizationError 403, QuotaExceededError 456, TooManyRequestsError 429,
 * GlossaryNotFoundError, `Unexpected status code: 500 …`, `Service unavailable` 503,
 * ConnectionError for timeouts and refused connections) and does not expose response headers,
 * so a 429's Retry-After cannot be read: it is retried with Editions' own backoff.
 */
import { AuthorizationError, ConnectionError, DeepLError, GlossaryNotFoundError, QuotaExceededError, TooManyRequestsError } from 'deepl-node';
import { ProviderError } from '../retry.ts';

function statusOf(error: DeepLError): number | undefined {
  if (error instanceof AuthorizationError) return 403;
  if (error instanceof QuotaExceededError) return 456;
  if (error instanceof TooManyRequestsError) return 429;
  if (error instanceof GlossaryNotFoundError) return 404;
  const m = /^(?:Unexpected status code: (\d{3})|(Service unavailable)|(Bad request)|(Not found))/.exec(error.message);
  if (!m) return undefined;
  return m[1] ? Number(m[1]) : m[2] ? 503 : m[3] ? 400 : 404;
}

export function classifyDeepLError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const message = (error as Error | undefined)?.message ?? String(error);
  if (error instanceof ConnectionError) {
    // Timeouts, refused or reset connections: the network, worth trying again.
    return new ProviderError(`deepl: network: ${message.slice(0, 300)}`, { transient: true, cause: error });
  }
  if (error instanceof DeepLError) {
    const status = statusOf(error);
    // A 200 whose body is not the JSON DeepL sends (truncated, malformed): try again.
    const malformed = status === undefined && /Error parsing response JSON/i.test(message);
    const transient = malformed || status === 429 || status === 408 || (status !== undefined && status >= 500) || error instanceof GlossaryNotFoundError;
    const what = status === 456 ? '456 quota exceeded: the DeepL account has used its characters for this billing period' : String(status ?? (malformed ? 'malformed answer' : 'error'));
    return new ProviderError(`deepl: ${what}: ${message.slice(0, 300)}`, { transient, cause: error, ...(status !== undefined ? { status } : {}) });
  }
  return new ProviderError(`deepl: ${message.slice(0, 300)}`, { transient: false, cause: error });
}
