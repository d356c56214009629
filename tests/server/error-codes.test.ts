/**
 * Every stable error code, provoked for real: over HTTP against the service on 127.0.0.1 with
 * a real SQLite file (status, body shape, the message in en, fr and ar from Accept-Language,
 * and a database left exactly as it was), or, for the codes that only a process start or the
 * CLI can meet, through the function that raises them. The table is typed by ErrorCode, so a
 * new code does not compile until it has its case here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { ErrorCode } from '../../src/errors.ts';
import { readDocument } from '../../src/read-document.ts';
import { defaultDocumentSettings, DocumentWorkers } from '../../src/documents/workers.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { statusOf } from '../../server/http-errors.ts';
import { i18n, translator, uiLanguages } from '../../server/i18n.ts';
import { apertiumAvailable, useApy } from '../support/apy.ts';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.ts';
import { allTableRows } from '../support/table-rows.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'codes-admin-token-0123456789abcdef';
const tokens: Record<string, string> = {};
let server: RunningServer;
let dir: string;
let dbFile: string;
let proxy: FlakyProxy | undefined;
let segments: { id: string; version: number; state: string }[] = [];
let enEdition = '';

const apyUrl = apertiumAvailable ? useApy() : undefined;

interface Answer {
  status: number;
  headers: Headers;
  body: { error?: { code: string; message: string; details: Record<string, unknown> } } & Record<string, any>;
}

async function call(who: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const token = who === null ? undefined : who === 'admin' ? admin : (tokens[who] ?? who);
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined || typeof body === 'string' || body instanceof Uint8Array ? {} : { 'content-type': 'application/json' }),
      ...(language ? { 'accept-language': language } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

/** Segment id → version of the segments at these positions, as read (what a review approves). */
function versionsOf(...positions: number[]): Record<string, number> {
  return Object.fromEntries(positions.map((i) => [segments[i]!.id, segments[i]!.version]));
}

/** Every row of every table, to show that a refused request changed nothing. */
function snapshot(): string {
  return allTableRows(dbFile);
}

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-codes-'));
  dbFile = join(dir, 'editions.db');
  if (apyUrl) proxy = await startFlakyProxy(apyUrl);
  // A short storage wait, for storage_busy below (nothing else holds the database's lock here).
  server = await startServer({ EDITIONS_DB: dbFile, EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: proxy ? proxy.url : 'off', EDITIONS_STORAGE_WAIT_MS: '300' });
  for (const [name, roles] of Object.entries({
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }],
    reviewer: [{ role: 'reviewer', locale: 'fr' }],
    both: [{ role: 'translator', locale: 'fr' }, { role: 'reviewer', locale: 'fr' }],
  })) {
    tokens[name] = (await call('admin', 'POST', '/api/users', { name, roles })).body.token;
  }
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'codes', sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n\n- item one\n- 2 items\n' })).status).toBe(201);
  const job = (await call('translator', 'POST', '/api/statements/codes/drafts', { locales: ['fr'], provider: 'pseudo' })).body;
  await until(async () => (await call('translator', 'GET', `/api/jobs/${job.id}`)).body.status === 'done');
  segments = (await call('translator', 'GET', '/api/statements/codes/translations/fr')).body.segments;
  // A segment the dual-role user wrote (for four-eyes); the others stay machine drafts.
  const s = segments[0]!;
  expect((await call('both', 'PUT', `/api/statements/codes/translations/fr/segments/${s.id}`, { text: 'Titre' }, { 'if-match': String(s.version) })).status).toBe(200);
  // A translation that loses the source's number: a fatal quality finding.
  const numbered = segments[3]!;
  expect((await call('translator', 'PUT', `/api/statements/codes/translations/fr/segments/${numbered.id}`, { text: 'deux articles' }, { 'if-match': String(numbered.version) })).status).toBe(200);
  segments = (await call('translator', 'GET', '/api/statements/codes/translations/fr')).body.segments;
  // An English edition, withdrawn once.
  enEdition = (await call('publisher', 'POST', '/api/statements/codes/editions', { locales: ['en'] })).body.editions[0].id;
  expect((await call('publisher', 'POST', `/api/statements/codes/editions/${enEdition}/withdraw`, { reason: 'published by mistake' })).status).toBe(200);
  // Sign-in links (issue 16): one used, one past its expiry (set in the file: no clock to wait on).
  const users = (await call('admin', 'GET', '/api/users')).body.users as { id: string; name: string }[];
  translatorId = users.find((u) => u.name === 'translator')!.id;
  usedLink = (await call('admin', 'POST', `/api/users/${translatorId}/sign-in-links`)).body.path;
  expect((await fetch(`${server.url}${usedLink}`, { method: 'POST', redirect: 'manual' })).status).toBe(303);
  expiredLink = (await call('admin', 'POST', `/api/users/${translatorId}/sign-in-links`)).body.path;
  const db = new Database(dbFile);
  db.prepare("UPDATE sign_in_links SET expires_at = '2020-01-01T00:00:00.000Z' WHERE used_at IS NULL").run();
  db.close();
}, 120_000);

let translatorId = '';
let usedLink = '';
let expiredLink = '';
/** Uses a sign-in link as a script would (asking for JSON). */
const useLink = (path: string) => call(null, 'POST', path, undefined, { accept: 'application/json' });

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

type HttpCase = { http: () => Promise<Answer>; needsApertium?: true; details?: Record<string, unknown> };
type OtherCase = { raise: () => Promise<unknown>; where: string };

const cases: Record<ErrorCode, HttpCase | OtherCase> = {
  config_invalid: { where: 'at start, from the environment', raise: async () => loadConfig({ PORT: 'eighty' }) },
  storage_migration_failed: {
    where: 'at start, on a database file the migrations cannot apply to',
    raise: async () => {
      const file = join(dir, 'foreign.db');
      const db = new Database(file);
      db.exec('CREATE TABLE statements (something_else TEXT)');
      db.close();
      return openSqliteStore(file);
    },
  },
  input_unreadable: { where: 'CLI import of a missing file', raise: () => readDocument(join(dir, 'missing.md'), 1_000_000) },
  // A Latin-1 Markdown body (`# Café`); the CLI refuses the same bytes in a file (tests/cli).
  input_not_utf8: {
    http: () => call('publisher', 'POST', '/api/statements?slug=latin1&sourceLocale=en', Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]), { 'content-type': 'text/markdown' }),
    details: { path: 'body' },
  },
  validation_failed: { http: () => call('publisher', 'POST', '/api/statements', { slug: 'x' }), details: { field: 'sourceLocale' } },
  unsupported_media_type: { http: () => call('publisher', 'POST', '/api/statements?slug=x&sourceLocale=en', '# x', { 'content-type': 'text/plain' }) },
  structure_mismatch: { http: () => call('translator', 'PUT', '/api/statements/codes/translations/fr', '# Titre\n', { 'content-type': 'text/markdown' }) },
  // A placeholder the source segment does not have.
  placeholders_broken: {
    http: () => call('translator', 'PUT', `/api/statements/codes/translations/fr/segments/${segments[1]!.id}`, { text: 'Un <x id="7"/> paragraphe.' }, { 'if-match': String(segments[1]!.version) }),
    details: { placeholder: '7', count: 1 },
  },
  input_too_large: { http: () => call('publisher', 'POST', '/api/statements?slug=huge&sourceLocale=en', 'x'.repeat(2_100_000), { 'content-type': 'text/markdown' }), details: { limit: 2_000_000 } },
  input_too_complex: { http: () => call('publisher', 'POST', '/api/statements?slug=deep&sourceLocale=en', `${'> '.repeat(100)}x`, { 'content-type': 'text/markdown' }), details: { limit: 'nesting', max: 32 } },
  // A TMX whose element is not closed; a TMX whose DOCTYPE declares an entity.
  xml_malformed: { http: () => call('admin', 'POST', '/api/tm', '<tmx version="1.4">\n<body></tmx>', { 'content-type': 'application/x-tmx+xml' }), details: { line: 2, column: 12 } },
  xml_doctype_refused: { http: () => call('admin', 'POST', '/api/tm', '<!DOCTYPE tmx [<!ENTITY a "b">]><tmx version="1.4"><body/></tmx>', { 'content-type': 'application/x-tmx+xml' }) },
  service_busy: {
    where: 'document workers with every worker and queue place taken (one worker, no queue)',
    raise: async () => {
      const workers = new DocumentWorkers({ ...defaultDocumentSettings, workers: 1, queue: 0 });
      const first = workers.run('source', { markdown: '# Busy\n', frontMatterKeys: [] });
      try {
        return await workers.run('source', { markdown: '# Refused\n', frontMatterKeys: [] });
      } finally {
        await first;
        await workers.close();
      }
    },
  },
  storage_busy: {
    // Another connection (this test's own) holds the write lock past the service's wait (300 ms).
    http: async () => {
      const holder = new Database(dbFile);
      holder.exec('BEGIN IMMEDIATE');
      try {
        const answer = await call('publisher', 'POST', '/api/statements', { slug: 'busy', sourceLocale: 'en', markdown: '# Busy\n' });
        expect(answer.headers.get('retry-after')).toBe('1');
        return answer;
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
    },
    details: { reason: 'SQLITE_BUSY' },
  },
  locale_invalid: { http: () => call('publisher', 'POST', '/api/statements', { slug: 'x', sourceLocale: 'en_GB', markdown: '# x' }) },
  locale_is_source: { http: () => call('translator', 'GET', '/api/statements/codes/translations/en') },
  slug_invalid: { http: () => call('publisher', 'POST', '/api/statements', { slug: 'Bad Slug', sourceLocale: 'en', markdown: '# x' }) },
  provider_unknown: { http: () => call('translator', 'POST', '/api/statements/codes/drafts', { locales: ['fr'], provider: 'nope' }), details: { provider: 'nope' } },
  provider_unsupported_pair: { needsApertium: true, http: () => call('admin', 'POST', '/api/statements/codes/drafts', { locales: ['ar'], provider: 'apertium' }), details: { target: 'ar' } },
  provider_unavailable: {
    needsApertium: true,
    http: () => {
      proxy!.failNext(1);
      return call('admin', 'POST', '/api/statements/codes/drafts', { locales: ['es'], provider: 'apertium' });
    },
  },
  job_not_found: { http: () => call('translator', 'GET', '/api/jobs/no-such-job') },
  unauthenticated: { http: () => call(null, 'GET', '/api/statements') },
  forbidden: { http: () => call('translator', 'POST', '/api/users', { name: 'x', roles: [{ role: 'admin', locale: '*' }] }) },
  four_eyes: { http: () => call('both', 'POST', '/api/statements/codes/translations/fr/reviews', { decision: 'approve', segments: [segments[0]!.id], versions: versionsOf(0), comment: 'ok' }) },
  user_invalid: { http: () => call('admin', 'POST', '/api/users', { name: '', roles: [{ role: 'translator', locale: 'fr' }] }), details: { field: 'name' } },
  user_not_found: { http: () => call('admin', 'POST', '/api/users/nobody/sign-in-links'), details: { userId: 'nobody' } },
  sign_in_link_invalid: { http: () => useLink('/sign-in/link/esl_not-a-link') },
  sign_in_link_expired: { http: () => useLink(expiredLink), details: { expiresAt: '2020-01-01T00:00:00.000Z' } },
  sign_in_link_used: { http: () => useLink(usedLink) },
  statement_exists: { http: () => call('publisher', 'POST', '/api/statements', { slug: 'codes', sourceLocale: 'en', markdown: '# x' }) },
  statement_not_found: { http: () => call('translator', 'GET', '/api/statements/nope'), details: { slug: 'nope' } },
  translation_not_found: { http: () => call('admin', 'POST', '/api/statements/codes/translations/de/submit'), details: { locale: 'de' } },
  segment_not_found: { http: () => call('translator', 'PUT', '/api/statements/codes/translations/fr/segments/nope', { text: 'x' }, { 'if-match': '1' }) },
  edition_not_found: { http: () => call(null, 'GET', '/published/codes/fr.md') },
  version_conflict: { http: () => call('translator', 'PUT', `/api/statements/codes/translations/fr/segments/${segments[1]!.id}`, { text: 'x' }, { 'if-match': '999' }) },
  revision_conflict: { http: () => call('publisher', 'PUT', '/api/statements/codes/source', '# New\n', { 'if-match': '"7"', 'content-type': 'text/markdown' }) },
  transition_refused: { http: () => call('reviewer', 'POST', '/api/statements/codes/translations/fr/reviews', { decision: 'approve', segments: [segments[1]!.id], versions: versionsOf(1), comment: 'ok' }) },
  quality_blocked: { http: () => call('reviewer', 'POST', '/api/statements/codes/translations/fr/reviews', { decision: 'approve', segments: [segments[3]!.id], versions: versionsOf(3), comment: 'ok' }), details: { count: 1 } },
  not_ready_to_submit: { http: () => call('translator', 'POST', '/api/statements/codes/translations/fr/submit') },
  not_ready_to_approve: { http: () => call('reviewer', 'POST', '/api/statements/codes/translations/fr/reviews', { decision: 'approve', versions: versionsOf(...segments.keys()), comment: 'all' }) },
  precondition_required: { http: () => call('reviewer', 'POST', '/api/statements/codes/translations/fr/reviews', { decision: 'approve', segments: [segments[0]!.id], comment: 'unseen' }), details: { field: 'versions' } },
  not_ready_to_publish: { http: () => call('publisher', 'POST', '/api/statements/codes/editions', { locales: ['fr'] }) },
  embargo_invalid: { http: () => call('publisher', 'POST', '/api/statements/codes/editions', { locales: ['en'], embargoUntil: 'next tuesday' }) },
  edition_withdrawn: { http: () => call('publisher', 'POST', `/api/statements/codes/editions/${enEdition}/withdraw`, { reason: 'again' }) },
  not_found: { http: () => call(null, 'GET', '/no/such/page') },
  webhook_not_found: { http: () => call('admin', 'GET', '/api/webhooks/nope/deliveries'), details: { webhookId: 'nope' } },
  glossary_import_refused: { http: () => call('publisher', 'POST', '/api/glossary', 'en,fr\nUnited Nations,Nations unies\nUnited Nations,ONU\n', { 'content-type': 'text/csv' }), details: { refused: 1, total: 2, line: 3, term: 'United Nations' } },
  webhook_target_refused: { http: () => call('admin', 'POST', '/api/webhooks', { url: 'http://169.254.169.254/latest/meta-data/' }), details: { target: 'http://169.254.169.254', reason: 'address', range: 'linkLocal' } },
  internal_error: {
    // Last: breaks the database under the running service (a table dropped behind its back).
    http: async () => {
      const db = new Database(dbFile);
      db.exec('DROP TABLE IF EXISTS reviews');
      db.close();
      return call('both', 'POST', '/api/statements/codes/translations/fr/reviews', { decision: 'request_changes', comment: 'x' });
    },
  },
};

const entries = Object.entries(cases) as [ErrorCode, HttpCase | OtherCase][];
const httpCases = entries.filter((e): e is [ErrorCode, HttpCase] => 'http' in e[1]);
const otherCases = entries.filter((e): e is [ErrorCode, OtherCase] => 'raise' in e[1]);

/** The Accept-Language that `call` sends, while a case runs in one language. */
let language: string | undefined;

async function refusedInEachLanguage(code: ErrorCode, c: HttpCase) {
  const before = code === 'internal_error' ? undefined : snapshot();
  const answers: Record<string, Answer> = {};
  // Every interface language (each directory under locales/): en, fr, ar, es, fa…
  for (const lng of uiLanguages) {
    language = lng;
    try {
      answers[lng] = await c.http();
    } finally {
      language = undefined;
    }
  }
  const en = answers.en!;
  expect(en.status, JSON.stringify(en.body)).toBe(statusOf(code));
  expect(en.body.error).toMatchObject({ code, details: expect.any(Object) });
  if (c.details) expect(en.body.error!.details).toMatchObject(c.details);
  for (const lng of uiLanguages) {
    const a = answers[lng]!;
    expect(a.status).toBe(en.status);
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    expect(a.body.error!.code).toBe(code);
    expect(a.body.error!.message).toBe(translator(lng)(`errors:${code}`, { ...a.body.error!.details }));
    expect(a.body.error!.message).not.toContain('{{');
    // Every variable of the message has a value worth reading (not missing, not a bare '>').
    for (const [, name] of String(i18n().getResource(lng, 'errors', code)).matchAll(/\{\{(\w+)\}\}/g)) {
      expect(String(a.body.error!.details[name!] ?? ''), `${code}: details.${name}`).toMatch(/[\p{L}\p{N}]/u);
    }
  }
  for (const lng of uiLanguages.filter((l) => l !== 'en')) expect(answers[lng]!.body.error!.message, lng).not.toBe(en.body.error!.message);
  expect(answers.ar!.body.error!.message).toMatch(/[\u0600-\u06ff]/);
  expect(answers.fa!.body.error!.message).toMatch(/[\u0600-\u06ff]/);
  if (before !== undefined) expect(snapshot(), 'a refused request changes nothing').toBe(before);
}

describe('every error code over HTTP, in en, fr and ar, changing nothing', () => {
  it.each(httpCases.filter(([, c]) => !c.needsApertium))('%s', refusedInEachLanguage);
  // Apertium is installed by .ci/run; where it is not, tests/support/apy.ts says so (and fails under CI).
  it.skipIf(!apyUrl).each(httpCases.filter(([, c]) => c.needsApertium))('%s (through APy)', refusedInEachLanguage);
});

describe('error codes met outside HTTP', () => {
  it.each(otherCases)('%s (%s)', async (code, c) => {
    await expect(c.raise()).rejects.toMatchObject({ code });
    for (const lng of uiLanguages) expect(translator(lng)(`errors:${code}`, {})).not.toBe(`errors:${code}`);
  });
});

