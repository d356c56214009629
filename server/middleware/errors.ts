/** Every error leaves as JSON: domain errors with their status, anything else as a 500. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../src/errors.ts';
import { statusOf } from '../http-errors.ts';

export function errorResponse(error: unknown, c: Context) {
  if (error instanceof DomainError) {
    return c.json({ error: { code: error.code, message: error.message, details: error.details } }, statusOf(error.code) as ContentfulStatusCode);
  }
  console.error(error);
  return c.json({ error: { code: 'internal_error', message: 'Internal error', details: {} } }, 500);
}
