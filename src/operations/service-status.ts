/**
 * The service's own state, for operators: readiness (can this instance take traffic now?)
 * and who may read its metrics.
 */
import { sql } from 'kysely';
import type { Availability } from '../mt/provider.ts';
import { pendingMigrations } from '../store/migrate.ts';
import { requireAdmin, type Actor } from '../workflow/roles.ts';
import type { OperationContext } from './context.ts';

export interface Check {
  ok: boolean;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: {
    /** False once a shutdown has begun: the instance finishes what it has and takes nothing new. */
    accepting: Check;
    database: Check;
    migrations: Check & { pending?: string[] };
    /** Each configured engine (Apertium when in use, Google when credentials are set): reachable or not. */
    engines: Record<string, Check>;
  };
}

export interface EngineProbe {
  id: string;
  availability(): Promise<Availability>;
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Ready: accepting, the database answers, its migrations are current, and every configured engine is reachable. */
export async function checkReadiness(ctx: OperationContext, engines: readonly EngineProbe[], options: { stopping?: boolean; timeoutMs?: number } = {}): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const accepting: Check = options.stopping ? { ok: false, detail: 'shutting down' } : { ok: true };
  let database: Check;
  let migrations: Readiness['checks']['migrations'];
  try {
    await within(timeoutMs, sql`select 1`.execute(ctx.store.db), 'database');
    database = { ok: true };
    const pending = await within(timeoutMs, pendingMigrations(ctx.store.db), 'migrations');
    migrations = pending.length === 0 ? { ok: true } : { ok: false, detail: `${pending.length} migration(s) not applied`, pending };
  } catch (error) {
    database = { ok: false, detail: (error as Error).message };
    migrations = { ok: false, detail: 'database unavailable' };
  }
  const results = await Promise.all(
    engines.map(async (e): Promise<[string, Check]> => {
      try {
        const a = await within(timeoutMs, e.availability(), e.id);
        return [e.id, a.available ? { ok: true } : { ok: false, detail: a.reason }];
      } catch (error) {
        return [e.id, { ok: false, detail: (error as Error).message }];
      }
    }),
  );
  const checks = { accepting, database, migrations, engines: Object.fromEntries(results) };
  const ready = accepting.ok && database.ok && migrations.ok && results.every(([, c]) => c.ok);
  return { ready, checks };
}

/** The metrics (request counts, engine bills, queues) are an admin's to read over the main port. */
export function authorizeMetrics(actor: Actor): void {
  requireAdmin(actor);
}
