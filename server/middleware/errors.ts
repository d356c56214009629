/**
 * Every error leaves as JSON {"error": {code, message, details}}: domain errors with their
 * status and a message in the caller's language (Accept-Language), anything else as a 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../src/errors.ts';
import { statusOf } from '../http-errors.ts';
import { negotiateLanguage, translator } from '../i18n.ts';
import { problemText, type ValidationIssue } from '../validation-problem.ts';
import { logOf, requestIdOf } from './request-log.ts';

export function errorBody(code: string, given: Record<string, unknown>, c: Context, fallback: string) {
  const language = negotiateLanguage(c.req.header('accept-language'));
  const t = translator(language);
  const issue = given.issue as ValidationIssue | undefined;
  const details = code === 'validation_failed' && issue && typeof issue.code === 'string' ? { ...given, problem: problemText(issue, language) } : given;
  const message = t(`errors:${code}`, { ...details, defaultValue: fallback });
  return { error: { code, message, details } };
}

export function errorResponse(error: unknown, c: Context) {
  if (error instanceof DomainError) {
    c.header('Content-Language', negotiateLanguage(c.req.header('accept-language')));
    // A busy service says when to come back (RFC 9110 §10.2.3).
    if (statusOf(error.code) === 503) c.header('Retry-After', '1');
    return c.json(errorBody(error.code, error.details, c, error.message), statusOf(error.code) as ContentfulStatusCode);
  }
  if (error instanceof HTTPException) {
    // Hono's own refusals (a validator's media-type gate, a body limit) in the same shape.
    const code = error.status === 415 ? 'unsupported_media_type' : error.status === 413 ? 'input_too_large' : 'validation_failed';
    const type = (c.req.header('content-type') ?? 'none').split(';')[0]!;
    return c.json(errorBody(code, { type, field: 'body', problem: error.message }, c, error.message), error.status as ContentfulStatusCode);
  }
  logOf(c).error({ reqId: requestIdOf(c), err: error }, 'unexpected error');
  return c.json(errorBody('internal_error', {}, c, 'Internal error'), 500);
}
