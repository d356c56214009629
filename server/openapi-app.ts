/**
 * Route groups are OpenAPIHono apps: request validation by zod schemas that also make the
 * OpenAPI document. A request that fails validation is a `validation_failed` error naming
 * the field, with the problem in the caller’s language (server/validation-problem.ts; the
 * hook is given the input, so a wrong type names the type that came).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '../src/errors.ts';
import type { AuthEnv } from './middleware/auth.ts';
import { issueOf } from './validation-problem.ts';

export function openApiApp(): OpenAPIHono<AuthEnv> {
  return new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue?.path.join('.') || 'body';
        const details = issue ? { field, problem: issue.message, issue: issueOf(issue, (result as { data?: unknown }).data) } : { field, problem: 'invalid' };
        throw new DomainError('validation_failed', `${field}: ${details.problem}`, details);
      }
    },
  });
}
