/**
 * One log line and one metrics sample per request: the request id (the caller's X-Request-Id
 * when it is a sane one, as hono/request-id judges it, else a new UUID; sent back in
 * X-Request-Id), method, route pattern, path, status, duration and the signed-in user's id.
 * Never a header, a query string, a body, a token or a cookie. During a shutdown, answers close
 * their connection.
 *
 * Outside Hono's middleware chain, so that the public read path stays as fast as a bare route
 * (bench/http.ts): a `*` middleware would put every request through Hono's compose, an async
 * function, and the published answers, which are ready synchronously, would go through the
 * node server's promise path. Instead:
 * - the app's `fetch` is wrapped (requestLog): it takes the time and the id, passes a
 *   RequestRecord as the `env` Hono's handlers see (`c.env`, still with the node server's
 *   `incoming` and `outgoing`), and sets X-Request-Id (and `Connection: close` when stopping)
 *   on the node response once the app has answered;
 * - every handler the app registers is wrapped once, when registered, to note its Context on
 *   the record (the route that answered and the user are read from it at the end);
 * - the line is written from the node response's 'close' event (one listener function for
 *   all requests, no closure per request): after the answer has gone, or its connection was cut
 *   (`aborted: true`), so the writing adds nothing to the answer's latency. The duration is
 *   to the answer's headers, as the app gave it (a stream counts until it starts).
 * Apps called without a node server (`app.request()` in a test) are logged when their answer
 * is ready.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Env, Hono, Next } from 'hono';
import { matchedRoutes } from 'hono/route';
import pino from 'pino';
import type { Logger } from '../logger.ts';
import type { ServiceMetrics } from '../metrics.ts';

/** The caller's id when sane (hono/request-id's rule: at most 255 of [A-Za-z0-9_=-]), else a new UUID. */
function idOf(given: string | null | undefined): string {
  return given && given.length <= 255 && !/[^\w\-=]/.test(given) ? given : crypto.randomUUID();
}

/** X-Request-Id from the raw header list (no header object is built for it). */
function givenId(raw: readonly string[]): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 12 && name.toLowerCase() === 'x-request-id') return raw[i + 1];
  }
  return undefined;
}

/** For apps made without a logger (benchmarks, tests in process): errors still reach stderr. */
const fallback = pino({ level: 'warn', base: { pid: process.pid } }, pino.destination({ dest: 2, sync: true }));

const recordKey = Symbol('editions.requestRecord');
type Outgoing = ServerResponse & { [recordKey]?: RequestRecord };

/** One request: what its log line needs. It is the `env` of the app's handlers (`c.env`). */
export class RequestRecord {
  /** The Context of the last handler that ran (none: no route matched at all). */
  c: Context | undefined = undefined;
  /** True when the route put X-Request-Id into its own answer's headers (markIdSent). */
  sent = false;
  /** When the app's answer was ready (performance.now()), its headers about to go; 0 before. */
  answeredAt = 0;
  constructor(
    readonly owner: RequestLog,
    readonly id: string,
    readonly started: number,
    readonly incoming: IncomingMessage | undefined,
    readonly outgoing: ServerResponse | undefined,
  ) {}
}

function recordOf(c: Context): RequestRecord | undefined {
  const env: unknown = c.env;
  return env instanceof RequestRecord ? env : undefined;
}

/** For a route that writes X-Request-Id into its own answer's headers: the id to write, and the answer is left alone. */
export function markIdSent(c: Context): string {
  const record = recordOf(c);
  if (record === undefined) return '';
  record.sent = true;
  return record.id;
}

/** The request's logger (the service's, or stderr's for warnings and errors when none was given). */
export function logOf(c: Context): Logger {
  return recordOf(c)?.owner.logger ?? fallback;
}

/** The request's id, for a log line about it. */
export function requestIdOf(c: Context): string | undefined {
  return recordOf(c)?.id;
}

/** The registered pattern of the route that answered: `/published/:slug/:file`; `(unmatched)` for a 404 no route took. */
function routeOf(c: Context | undefined, status: number): string {
  if (c === undefined) return '(unmatched)';
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex] ?? routes.at(-1);
  if (!answered) return '(unmatched)';
  // Only middleware (`/api/*`) ran: a refusal before any route, or nothing matched.
  if (answered.method === 'ALL' && answered.path.endsWith('*')) return status === 404 ? '(unmatched)' : answered.path;
  return answered.path;
}

function userIdOf(c: Context | undefined): string | undefined {
  if (c === undefined) return undefined;
  const actor = c.get('actor' as never) as { id: string } | undefined;
  if (actor) return actor.id;
  return (c.get('session' as never) as { actor: { id: string } } | null | undefined)?.actor.id;
}

/** The node response's 'close': one function for every request (`this` is the response). */
function onClose(this: Outgoing): void {
  const record = this[recordKey];
  if (record === undefined) return;
  this[recordKey] = undefined;
  record.owner.done(record, this.statusCode, !this.writableFinished);
}

type Handler = (c: Context, next: Next) => unknown;

/** A handler that notes its Context on the request's record, then runs (made once per route, at registration). */
function noting(handler: Handler): Handler {
  return (c, next) => {
    const env: unknown = c.env;
    if (env instanceof RequestRecord) env.c = c;
    return handler(c, next);
  };
}

interface LogFields {
  reqId: string;
  method: string;
  route: string;
  path: string;
  status: number;
  ms: number;
  userId: string | undefined;
  aborted?: true;
}

export class RequestLog {
  constructor(
    readonly logger: Logger | undefined,
    private readonly metrics: ServiceMetrics | undefined,
    private readonly stopping: () => boolean,
  ) {}

  /** The request is over: its line and its metrics sample (the duration: to the answer's headers; a stream counts until it starts). */
  done(record: RequestRecord, status: number, aborted: boolean): void {
    const seconds = ((record.answeredAt || performance.now()) - record.started) / 1000;
    const c = record.c;
    const route = routeOf(c, status);
    const method = record.incoming?.method ?? c?.req.method ?? 'GET';
    this.metrics?.request(method, route, status, seconds);
    const lines = this.logger;
    if (lines === undefined) return;
    const fields: LogFields = { reqId: record.id, method, route, path: secretless(c?.req.path ?? pathOf(record.incoming?.url)), status, ms: Math.round(seconds * 10_000) / 10, userId: userIdOf(c) };
    if (aborted) fields.aborted = true;
    if (status >= 500) lines.error(fields, 'request');
    else lines.info(fields, 'request');
  }

  /** The app's fetch, logged (for a node server: `env` is its `{incoming, outgoing}`). */
  wrap(inner: (request: Request, env?: unknown, executionCtx?: never) => Response | Promise<Response>) {
    return (request: Request, env?: unknown, executionCtx?: never): Response | Promise<Response> => {
      const outgoing = (env as { outgoing?: Outgoing } | undefined)?.outgoing;
      if (outgoing === undefined) return this.detached(inner, request, executionCtx);
      const incoming = (env as { incoming: IncomingMessage }).incoming;
      const record = new RequestRecord(this, idOf(givenId(incoming.rawHeaders)), performance.now(), incoming, outgoing);
      outgoing[recordKey] = record;
      outgoing.on('close', onClose);
      const res = inner(request, record, executionCtx);
      if (res instanceof Promise) return res.then((r) => this.answered(record, outgoing, r));
      return this.answered(record, outgoing, res);
    };
  }

  /** Headers on the node response, before the node server writes the answer. */
  private answered(record: RequestRecord, outgoing: ServerResponse, res: Response): Response {
    record.answeredAt = performance.now();
    if (!record.sent && !outgoing.headersSent) outgoing.setHeader('X-Request-Id', record.id);
    // Shutting down: the connection closes once this answer has gone (keep-alive would hold the shutdown).
    if (this.stopping() && !outgoing.headersSent) outgoing.setHeader('Connection', 'close');
    return res;
  }

  /** Without a node server (app.request()): the header on the Response, the line once it is ready. */
  private async detached(inner: (request: Request, env?: unknown, executionCtx?: never) => Response | Promise<Response>, request: Request, executionCtx?: never): Promise<Response> {
    const record = new RequestRecord(this, idOf(request.headers.get('x-request-id')), performance.now(), undefined, undefined);
    let res = await inner(request, record, executionCtx);
    record.answeredAt = performance.now();
    if (!res.headers.has('X-Request-Id')) {
      try {
        res.headers.set('X-Request-Id', record.id);
      } catch {
        // Immutable headers (a fetched Response passed through): copied.
        res = new Response(res.body, res);
        res.headers.set('X-Request-Id', record.id);
      }
    }
    this.done(record, res.status, false);
    return res;
  }
}

/** A one-time sign-in link's token is a secret in its path (/sign-in/link/{token}): never logged. */
function secretless(path: string): string {
  return path.startsWith('/sign-in/link/') ? '/sign-in/link/(secret)' : path;
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * Logs every request of `app` (call it before any route is registered): wraps `app.fetch`
 * and every handler the app registers from now on.
 */
export function requestLog<E extends Env>(app: Hono<E>, logger: Logger | undefined, metrics: ServiceMetrics | undefined, stopping: () => boolean = () => false): RequestLog {
  const log = new RequestLog(logger, metrics, stopping);
  const router = app.router as { add(method: string, path: string, handler: [Handler, unknown]): void };
  const add = router.add.bind(router);
  router.add = (method, path, [handler, route]) => add(method, path, [noting(handler), route]);
  app.fetch = log.wrap(app.fetch.bind(app) as never) as typeof app.fetch;
  return log;
}
