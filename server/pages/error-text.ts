/**
 * A refusal in the user's words: the DomainError's code is a key of the `errors` namespace,
 * interpolated with its details (a validation problem of the product's own in the user's
 * words); blocking quality findings and broken placeholders are listed with their messages.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../src/errors.ts';
import { statusOf } from '../http-errors.ts';
import { problemText, productProblem, type ValidationIssue } from '../validation-problem.ts';
import type { Translate } from './page-env.ts';

export interface ErrorText {
  code: string;
  message: string;
  items: string[];
}

interface BlockingFinding {
  key: string;
  args?: Record<string, unknown>;
  segmentId?: string | null;
}

export function errorText(t: Translate, error: unknown): ErrorText {
  if (!(error instanceof DomainError)) return { code: 'internal_error', message: t('errors:internal_error'), items: [] };
  const issue = error.details.issue as ValidationIssue | undefined;
  // A form refused by the API's schema (form-input.ts) reads as the API's refusal does, in the page's language.
  const problem = error.code === 'validation_failed' && issue && typeof issue.code === 'string' ? (t.lang ? problemText(issue, t.lang) : productProblem(t, issue)) : undefined;
  const message = t(`errors:${error.code}`, { ...error.details, ...(problem === undefined ? {} : { problem }) });
  const findings = Array.isArray(error.details.findings) ? (error.details.findings as BlockingFinding[]) : [];
  const items = findings.filter((f) => typeof f.key === 'string').map((f) => t(`quality:${f.key}`, { ...(f.args ?? {}) }));
  return { code: error.code, message, items };
}

/** The HTTP status of a page that shows a refusal (the API's mapping, in one place). */
export function errorStatus(error: unknown): ContentfulStatusCode {
  return (error instanceof DomainError ? statusOf(error.code) : 500) as ContentfulStatusCode;
}

/**
 * The status of a page that may show a refusal (`shown`: the error in it, undefined for none):
 * a refused form is the page again with the refusal in it, under the refusal's status as the
 * API answers it (403 forbidden, 409, 412, 400 …); a page without one is a 200. Every page's
 * `show` passes what it shows (render-page.ts).
 */
export function pageStatus(shown: unknown): ContentfulStatusCode {
  return shown === undefined ? 200 : errorStatus(shown);
}
