/**
 * A NUL character (U+0000, `%00`) anywhere in the path or the query is refused before any
 * route, on every database alike: 400 validation_failed (field `path` or `query`), the message
 * in the caller's language (PostgreSQL's text refuses NUL, so a slug, an id or a search with one
 * would otherwise reach a query and fail there; SQLite would keep it). Bodies: utf8-body.ts.
 *
 * Outside Hono's middleware chain, as request-log.ts is, so the public read path stays a bare
 * route: `app.fetch` is wrapped, one `includes` per request, and a refused request is answered
 * by a one-route app that throws the refusal into `onError` (the app's own error answer).
 * Call it before requestLog, so the refusal is logged like any answer.
 */
import { Hono, type Env, type ErrorHandler } from 'hono';
import { nulRefusal } from '../../src/read-document.ts';

export function refuseNulInUrl<E extends Env>(app: Hono<E>, onError: ErrorHandler): void {
  const refusal = new Hono();
  refusal.onError(onError);
  refusal.all('*', (c) => {
    const url = c.req.url;
    const query = url.indexOf('?');
    throw nulRefusal(query >= 0 && url.indexOf('%00') > query ? 'query' : 'path');
  });
  const inner = app.fetch.bind(app);
  app.fetch = ((request: Request, env?: unknown, executionCtx?: never) =>
    request.url.includes('%00') ? refusal.fetch(request, env, executionCtx) : inner(request, env as never, executionCtx)) as typeof app.fetch;
}
