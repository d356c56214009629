/**
 * The PostgreSQL server the tests use: EDITIONS_TEST_POSTGRES_URL, by default the one `.ci/postgres`
 * starts (127.0.0.1:5432, database editions_test). Each store gets a schema of its own, dropped
 * when the test ends. Missing locally: the PostgreSQL suites are skipped with the command to
 * install it; under CI=true a missing server fails the run (as Apertium and Chromium do).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const postgresUrl = process.env.EDITIONS_TEST_POSTGRES_URL ?? 'postgres://editions:editions@127.0.0.1:5432/editions_test';
export const postgresInstallCommand = 'apt-get install -y postgresql && .ci/postgres';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const postgresAvailable = await reachable();
if (!postgresAvailable) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is not reachable at ${postgresUrl}; CI must install and start it: ${postgresInstallCommand}`);
  console.warn(`PostgreSQL suites skipped: no server at ${postgresUrl}. To run them: ${postgresInstallCommand}`);
}

/** Runs one statement on the test database with a short-lived connection. */
export async function postgresAdmin<T = unknown>(statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new empty schema; drop() removes it with everything in it. */
export async function createTestSchema(): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await postgresAdmin(`create schema ${name}`);
  return { name, drop: () => postgresAdmin(`drop schema if exists ${name} cascade`).then(() => undefined) };
}

/** The URL a separate process (the service, the CLI) uses to reach one schema. */
export function postgresUrlForSchema(schema: string): string {
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
