/**
 * A form's fields checked with the API's zod schema (server/schemas.ts, the route files): a
 * refusal is the API's `validation_failed`, naming the field and the problem (as
 * server/openapi-app.ts does for JSON bodies), shown on the page in the user's words.
 */
import type { z } from 'zod';
import { DomainError } from '../../src/errors.ts';
import { refuseNul } from '../../src/read-document.ts';
import { issueOf } from '../validation-problem.ts';

export function formInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  const details = issue ? { field, problem: issue.message, issue: issueOf(issue, data) } : { field, problem: 'invalid' };
  throw new DomainError('validation_failed', `${field}: ${details.problem}`, details);
}

/** A field the form may leave empty: its text, or undefined when absent or empty (then the schema's optional applies). */
export function optionalField(body: Record<string, unknown>, name: string): unknown {
  const value = body[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A text field of a parsed form ('' when absent or a file). */
export function textField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** An uploaded file's text, or undefined when no file was chosen. */
export async function fileField(body: Record<string, unknown>, name: string): Promise<{ name: string; text: string } | undefined> {
  const value = body[name];
  if (typeof value !== 'object' || value === null || !('text' in value) || typeof (value as File).text !== 'function') return undefined;
  const file = value as File;
  if (file.size === 0 && file.name === '') return undefined;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('input_not_utf8', `${file.name} is not UTF-8`, { field: name, path: file.name });
  }
  refuseNul(text, file.name);
  return { name: file.name, text: text.replace(/^\uFEFF/, '') };
}
