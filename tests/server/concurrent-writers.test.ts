/**
 * Concurrent writers over real connections, on both databases: two service processes on one
 * database (a SQLite file, or one PostgreSQL schema), started at once (both bootstrap the same
 * admin), and the same write sent many times at once (separate connections, spread over both
 * instances). Every answer is a success or the domain's refusal, never a 500, and the database
 * holds what one serial order of the requests would have left (docs/domain.md, "Concurrent
 * writers"). The storage retries each instance made are counted from GET /metrics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/dialects.ts';
import { apiClient, createUsers, translateAndApprove, type ApiAnswer } from '../support/http-api.ts';
import { createTestSchema, postgresUrlForSchema } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'concurrent-writers-admin-token-0123456789';
const markdown = '# Harvest report\n\nThe first paragraph.\n\nThe second paragraph.\n\nThe third paragraph.\n';

function statuses(answers: readonly ApiAnswer[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
}

function codes(answers: readonly ApiAnswer[]): string[] {
  return [...new Set(answers.filter((a) => a.status >= 400).map((a) => String(a.body.error?.code)))];
}

describe.each(dialects)('concurrent writers over HTTP, two instances ($name)', (dialect) => {
  const servers: RunningServer[] = [];
  let cleanup: () => Promise<void> = async () => {};
  const tokens: Record<string, string> = { admin };
  // Request n goes to instance n % 2: every burst is spread over both processes.
  const on = (n: number) => apiClient(() => servers[n % servers.length]!, tokens);
  const call = on(0);

  beforeAll(async () => {
    let database: string;
    if (dialect.name === 'postgres') {
      const schema = await createTestSchema();
      database = postgresUrlForSchema(schema.name);
      cleanup = () => schema.drop();
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'editions-concurrent-'));
      database = join(dir, 'editions.db');
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    // On PostgreSQL both start at once on an empty database: both migrate, both bootstrap the
    // same admin. (Two processes migrating a new SQLite file at once is not this suite's
    // subject: there the second starts after the first; tests/operations/race-free-writes.test.ts
    // bootstraps from several stores at once on both databases.)
    const env = { EDITIONS_DB: database, EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_STORAGE_WAIT_MS: '20000' };
    const started: PromiseSettledResult<RunningServer>[] = [];
    if (dialect.name === 'postgres') started.push(...(await Promise.allSettled([startServer(env), startServer(env)])));
    else for (let i = 0; i < 2; i++) started.push(...(await Promise.allSettled([startServer(env)])));
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    Object.assign(tokens, await createUsers(call, {
      publisher: [{ role: 'publisher', locale: '*' }],
      translator: [{ role: 'translator', locale: '*' }],
      reviewer: [{ role: 'reviewer', locale: '*' }],
    }));
  }, 90_000);

  afterAll(async () => {
    const retries = await Promise.all(servers.map(async (_, i) => {
      const res = await on(i)('admin', 'GET', '/metrics');
      return Number(/^editions_storage_retries_total (\d+)/m.exec(res.text)?.[1] ?? 0);
    }));
    console.info(`concurrent writers (${dialect.name}): storage retries per instance ${retries.join(', ')}`);
    for (const s of servers) expect(await s.stop()).toBe(0);
    await cleanup();
  }, 30_000);

  it('both instances serve the one admin', async () => {
    expect((await on(0)('admin', 'GET', '/api/statements')).status).toBe(200);
    expect((await on(1)('admin', 'GET', '/api/statements')).status).toBe(200);
  });

  it('10 creations of one slug: one 201, the rest 409 statement_exists', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => on(i)('publisher', 'POST', '/api/statements', { slug: 'one-slug', sourceLocale: 'en', markdown: `# Take ${i}\n\nText ${i}.\n` })));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 9 });
    expect(codes(answers)).toEqual(['statement_exists']);
    const winner = answers.find((a) => a.status === 201)!;
    expect((await call('publisher', 'GET', '/api/statements/one-slug')).body.markdown).toBe(winner.body.markdown);
  });

  it('20 saves of one segment at one version, on a locale nobody opened yet: one 200, the rest 412', async () => {
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'saves', sourceLocale: 'en', markdown })).status).toBe(201);
    const segment = ((await call('publisher', 'GET', '/api/statements/saves')).body.segments as { id: string; text: string }[])[2]!;
    const path = `/api/statements/saves/translations/de/segments/${segment.id}`;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => on(i)('translator', 'PUT', path, { text: `Absatz ${i}.` }, { 'if-match': '1' })));
    expect(statuses(answers)).toEqual({ 200: 1, 412: 19 });
    expect(codes(answers)).toEqual(['version_conflict']);
    const winner = answers.find((a) => a.status === 200)!.body;
    const read = await call('translator', 'GET', '/api/statements/saves/translations/de');
    const saved = (read.body.segments as { id: string; text: string; version: number }[]).find((s) => s.id === segment.id)!;
    expect(saved).toMatchObject({ text: winner.text, version: 2 });
    // One translation, every segment once.
    expect(read.body.total).toBe(4);
    // A save at the new version, through the other instance, goes through: If-Match holds across them.
    const next = await on(1)('translator', 'PUT', path, { text: 'Absatz, neu.' }, { 'if-match': '2' });
    expect(next.status).toBe(200);
    expect((await on(0)('translator', 'PUT', path, { text: 'Zu spät.' }, { 'if-match': '2' })).status).toBe(412);
  });

  it('10 publications of one locale at once: one new edition', async () => {
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'published', sourceLocale: 'en', markdown })).status).toBe(201);
    const texts = ['# Rapport de récolte', 'Le premier paragraphe.', 'Le deuxième paragraphe.', 'Le troisième paragraphe.'];
    await translateAndApprove(call, 'published', 'fr', texts, 'translator', 'reviewer');
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => on(i)('publisher', 'POST', '/api/statements/published/editions', { locales: ['en', 'fr'] })));
    // Publishing what is live already makes no new edition (as one after the other would): 201, created false.
    expect(statuses(answers)).toEqual({ 201: 10 });
    for (const locale of ['en', 'fr']) {
      const made = answers.map((a) => (a.body.editions as { locale: string; created: boolean }[]).find((e) => e.locale === locale)!.created);
      expect(made.filter(Boolean)).toHaveLength(1);
    }
    const editions = (await call('publisher', 'GET', '/api/statements/published/editions')).body.editions as { locale: string; supersedes: string | null }[];
    expect(editions.map((e) => e.locale).sort()).toEqual(['en', 'fr']);
    expect(editions.every((e) => e.supersedes === null)).toBe(true);
  });

  it('5 withdrawals of one edition at once: one 200, the rest 409 edition_withdrawn', async () => {
    const editions = (await call('publisher', 'GET', '/api/statements/published/editions')).body.editions as { id: string; locale: string }[];
    const fr = editions.find((e) => e.locale === 'fr')!;
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => on(i)('publisher', 'POST', `/api/statements/published/editions/${fr.id}/withdraw`, { reason: `Reason ${i}` })));
    expect(statuses(answers)).toEqual({ 200: 1, 409: 4 });
    expect(codes(answers)).toEqual(['edition_withdrawn']);
  });

  it('5 source revisions at one base revision: one wins, the rest 412 revision_conflict', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => on(i)('publisher', 'PUT', '/api/statements/published/source', { markdown: `${markdown}\nA new paragraph ${i}.\n` }, { 'if-match': '1' })));
    expect(statuses(answers)).toEqual({ 200: 1, 412: 4 });
    expect(codes(answers)).toEqual(['revision_conflict']);
    const statement = await call('publisher', 'GET', '/api/statements/published');
    expect(statement.body.revision).toBe(2);
    expect(statement.body.markdown).toBe(`${markdown}\nA new paragraph ${answers.findIndex((a) => a.status === 200)}.\n`);
    // The French translation moved to revision 2 once: its unchanged segments kept, the new one untranslated.
    const fr = await call('translator', 'GET', '/api/statements/published/translations/fr');
    expect(fr.body.total).toBe(5);
    expect(fr.body.states).toMatchObject({ approved: 4, untranslated: 1 });
  });

  it('10 replacements of a locale\'s link targets at once: each 200, the map one of them whole', async () => {
    const maps = Array.from({ length: 10 }, (_, i) => Object.fromEntries(Array.from({ length: 20 }, (_, j) => [`https://example.org/${j}`, `https://example.fr/${i}/${j}`])));
    const answers = await Promise.all(maps.map((targets, i) => on(i)('publisher', 'PUT', '/api/link-targets/fr', { targets })));
    expect(statuses(answers)).toEqual({ 200: 10 });
    const now = (await call('publisher', 'GET', '/api/link-targets/fr')).body.targets;
    expect(maps).toContainEqual(now);
  });
});
