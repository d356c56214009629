/**
 * The set-up of a server suite, once: `beforeAll` starts the service as `npm start` does
 * (tests/support/start-server.ts, 127.0.0.1, a free port) over a fresh database — SQLite in a
 * temp dir by default, or a PostgreSQL schema of its own (`dialect: 'postgres'`) — with an admin
 * token and the `users` created over the API; `afterAll` stops it by its pid, expects exit code 0,
 * and removes the database. Call it at the top of a file or inside a `describe`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { apiClient, createUsers, type Call } from './http-api.ts';
import { createTestSchema, postgresUrlForSchema } from './postgres.ts';
import { startServer, type RunningServer } from './start-server.ts';

export interface ServiceOptions {
  /** People created over the API (as the admin) before the tests; their tokens land in `tokens`. */
  users?: Record<string, { role: string; locale: string }[]>;
  /** More environment for the service (engine settings, limits); a function is read in `beforeAll`, with the temp dir. */
  env?: Record<string, string> | ((dir: string) => Record<string, string>);
  /** Where the data lives: a SQLite file (default) or a fresh PostgreSQL schema. */
  dialect?: 'sqlite' | 'postgres';
  /** The admin token (EDITIONS_ADMIN_TOKEN); omitted: a random one; null: none given (the service makes one on first start). */
  admin?: string | null;
  /** The SQLite file, relative to the temp dir (default `editions.db`). */
  dbFile?: string;
  /** Runs before the service starts, on its database (EDITIONS_DB) and temp dir: e.g. a CLI import. */
  prepare?: (database: string, dir: string) => void | Promise<void>;
  /** The exit code `afterAll` expects when it stops the service (default 0; null: not checked). */
  exitCode?: number | null;
  /** The `beforeAll` timeout (default 60 s). */
  timeoutMs?: number;
}

export interface Service {
  readonly url: string;
  readonly server: RunningServer;
  /** The suite's temp dir (removed after). */
  readonly dir: string;
  /** The SQLite file (SQLite only). */
  readonly dbPath: string;
  /** EDITIONS_DB as the service was given it (a file or a postgres:// URL): for a CLI run on the same data. */
  readonly database: string;
  /** Name → bearer token (`admin` and every user). */
  readonly tokens: Record<string, string>;
  /** The JSON API client: `call(who, method, path, body?, headers?)`. */
  readonly call: Call;
}

export function useService(options: ServiceOptions = {}): Service {
  const admin = options.admin === null ? undefined : (options.admin ?? `admin-${randomBytes(12).toString('hex')}`);
  const tokens: Record<string, string> = admin ? { admin } : {};
  let server: RunningServer | undefined;
  let dir: string | undefined;
  let database: string | undefined;
  let dropSchema: (() => Promise<void>) | undefined;
  const call = apiClient(() => server!, tokens);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'editions-service-'));
    if (options.dialect === 'postgres') {
      const schema = await createTestSchema();
      dropSchema = schema.drop;
      database = postgresUrlForSchema(schema.name);
    } else {
      database = join(dir, options.dbFile ?? 'editions.db');
    }
    await options.prepare?.(database, dir);
    const env = typeof options.env === 'function' ? options.env(dir) : (options.env ?? {});
    server = await startServer({ EDITIONS_DB: database, ...(admin ? { EDITIONS_ADMIN_TOKEN: admin } : {}), EDITIONS_APERTIUM: 'off', ...env });
    if (options.users) Object.assign(tokens, await createUsers(call, options.users));
  }, options.timeoutMs ?? 60_000);

  afterAll(async () => {
    try {
      if (server) {
        const code = await server.stop();
        if (options.exitCode !== null) expect(code, server.output()).toBe(options.exitCode ?? 0);
      }
    } finally {
      server = undefined;
      await dropSchema?.();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useService: ${what} is known once beforeAll has run`);
    return value;
  };
  return {
    get url() {
      return started(server, 'the server').url;
    },
    get server() {
      return started(server, 'the server');
    },
    get dir() {
      return started(dir, 'the temp dir');
    },
    get dbPath() {
      if (options.dialect === 'postgres') throw new Error('useService: dbPath is for SQLite; this service runs on PostgreSQL');
      return started(database, 'the database');
    },
    get database() {
      return started(database, 'the database');
    },
    tokens,
    call,
  };
}
