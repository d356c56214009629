/**
 * One log line and one metrics sample per request: the request id (the caller's X-Request-Id
 * when it is a sane one, as hono/request-id judges it, else a new UUID; sent back in
 * X-Request-Id),
 * method, route pattern, path, status, duration and the signed-in user's id. Never a header,
 * a query string, a body, a token or a cookie. During a shutdown, answers close their connection.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import pino from 'pino';
import type { Logger } from '../logger.ts';
import type { ServiceMetrics } from '../metrics.ts';

type LogVars = { Variables: { log: Logger; requestId: string; requestIdSent?: boolean } };

/**
 * The request's id: the caller's X-Request-Id when it is a sane one (hono/request-id's rule:
 * at most 255 of [A-Za-z0-9_=-]), else a new UUID. Unlike hono/request-id, the header is set
 * on the answer after the handler, and not at all where the handler put it in its own plain
 * header object (the published routes, markIdSent): a header set before the handler makes
 * Hono rebuild every answer's headers, which cost the published read a third of its speed.
 */
function idOf(given: string | undefined): string {
  return given && given.length <= 255 && !/[^\w\-=]/.test(given) ? given : crypto.randomUUID();
}

/** For a route that writes X-Request-Id into its own answer's headers: the id to write, and the log middleware leaves the answer alone. */
export function markIdSent(c: Context): string {
  const vars = c.var as Partial<LogVars['Variables']>;
  if (vars.requestId === undefined) return '';
  c.set('requestIdSent' as never, true as never);
  return vars.requestId;
}

/** For apps made without a logger (benchmarks, tests in process): errors still reach stderr. */
const fallback = pino({ level: 'warn', base: { pid: process.pid } }, pino.destination({ dest: 2, sync: true }));

/** The request's logger (the service's, or stderr's for warnings and errors when none was given). */
export function logOf(c: Context): Logger {
  return (c.var as Partial<LogVars['Variables']>).log ?? fallback;
}

/** The request's id, for a log line about it. */
export function requestIdOf(c: Context): string | undefined {
  return (c.var as Partial<LogVars['Variables']>).requestId;
}

/** The registered pattern of the route that answered: `/published/:slug/:file`; `(unmatched)` for a 404 no route took. */
function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex] ?? routes.at(-1);
  if (!answered) return '(unmatched)';
  // Only middleware (`/api/*`) ran: a refusal before any route, or nothing matched.
  if (answered.method === 'ALL' && answered.path.endsWith('*')) return c.res.status === 404 ? '(unmatched)' : answered.path;
  return answered.path;
}

function userIdOf(c: Context): string | undefined {
  const vars = c.var as { actor?: { id: string }; session?: { actor: { id: string } } | null };
  return vars.actor?.id ?? vars.session?.actor.id;
}

export function requestLog(logger: Logger | undefined, metrics: ServiceMetrics | undefined, stopping: () => boolean = () => false): MiddlewareHandler[] {
  const log = createMiddleware<LogVars>(async (c, next) => {
    const started = performance.now();
    const id = idOf(c.req.header('x-request-id'));
    c.set('requestId', id);
    if (logger) c.set('log', logger);
    await next();
    if (!c.get('requestIdSent')) c.header('X-Request-Id', id);
    // Shutting down: the connection closes once this answer has gone (keep-alive would hold the shutdown).
    if (stopping()) c.header('Connection', 'close');
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c);
    const status = c.res.status;
    metrics?.request(c.req.method, route, status, seconds);
    if (logger) {
      const fields = { reqId: c.get('requestId'), method: c.req.method, route, path: c.req.path, status, ms: Math.round(seconds * 10_000) / 10, userId: userIdOf(c) };
      if (status >= 500) logger.error(fields, 'request');
      else logger.info(fields, 'request');
    }
  });
  return [log];
}
