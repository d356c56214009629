/** Every /api route × every kind of caller: who is let through, who gets 401 or 403. */
import { createHash, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { useService } from '../support/use-service.ts';

const admin = 'matrix-admin-token-0123456789';
const service = useService({ admin });
const tokens: Record<string, string> = { admin };
let segment = { id: '', version: 0 };
let jobId = '';
let editionId = '';

async function call(who: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${tokens[who] ?? 'not-a-token'}` } : {}), 'content-type': typeof body === 'string' ? 'text/markdown' : 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as { error?: { code: string } } | null };
}

beforeAll(async () => {
  for (const [name, roles] of Object.entries({
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }],
    reviewer: [{ role: 'reviewer', locale: 'fr' }],
    translatorAr: [{ role: 'translator', locale: 'ar' }],
  })) {
    tokens[name] = ((await call('admin', 'POST', '/api/users', { name: `${name}-2`, roles })).body as unknown as { token: string }).token;
  }
  // An admin "for French" as an older database may hold (the API refuses to grant one): it is
  // French's translator, reviewer and publisher, and no admin.
  tokens.adminFr = 'matrix-admin-fr-token-0123456789';
  const db = new Database(service.dbPath);
  try {
    const id = randomUUID();
    const at = new Date().toISOString();
    db.prepare('INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)').run(id, 'adminFr-2', at);
    db.prepare('INSERT INTO roles (user_id, role, locale) VALUES (?, ?, ?)').run(id, 'admin', 'fr');
    db.prepare('INSERT INTO tokens (id, user_id, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, NULL)').run(randomUUID(), id, createHash('sha256').update(tokens.adminFr).digest('hex'), at);
  } finally {
    db.close();
  }
  await call('admin', 'POST', '/api/statements', { slug: 'matrix', sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n' });
  jobId = ((await call('admin', 'POST', '/api/statements/matrix/drafts', { locales: ['fr'], provider: 'pseudo' })).body as unknown as { id: string }).id;
  for (let i = 0; i < 100; i++) {
    const job = (await call('admin', 'GET', `/api/jobs/${jobId}`)).body as unknown as { status: string };
    if (job.status === 'done') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  editionId = ((await call('admin', 'POST', '/api/statements/matrix/editions', { locales: ['en'] })).body as unknown as { editions: { id: string }[] }).editions[0]!.id;
  const t = (await call('admin', 'GET', '/api/statements/matrix/translations/fr')).body as unknown as { segments: { id: string; version: number }[] };
  segment = t.segments[0]!;
});

type Route = { name: string; allowed: string[]; request: (who: string | null) => ReturnType<typeof call> };
const everyone = ['admin', 'publisher', 'translator', 'reviewer', 'translatorAr', 'adminFr'];
/** A translation memory of one French unit (POST /api/tm). */
const matrixTmx = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="matrix" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>A paragraph.</seg></tuv><tuv xml:lang="fr"><seg>Un paragraphe.</seg></tuv></tu></body></tmx>\n';
const routes: Route[] = [
  { name: 'GET /api/statements', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements') },
  { name: 'GET /api/statements/{slug}', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements/matrix') },
  { name: 'POST /api/statements', allowed: ['admin', 'publisher'], request: (w) => call(w, 'POST', '/api/statements', { slug: `m-${String(w).toLowerCase()}`, sourceLocale: 'en', markdown: '# M\n' }) },
  { name: 'PUT /api/statements/{slug}/source', allowed: ['admin', 'publisher'], request: (w) => call(w, 'PUT', '/api/statements/matrix/source', '# Title\n\nOne paragraph.\n', { 'if-match': '"1"' }) },
  { name: 'POST /api/statements/{slug}/drafts', allowed: ['admin', 'publisher', 'translator', 'adminFr'], request: (w) => call(w, 'POST', '/api/statements/matrix/drafts', { locales: ['fr'], provider: 'pseudo' }) },
  { name: 'GET /api/jobs/{id}', allowed: everyone, request: (w) => call(w, 'GET', `/api/jobs/${jobId}`) },
  { name: 'GET /api/jobs/{id}/events', allowed: everyone, request: (w) => call(w, 'GET', `/api/jobs/${jobId}/events`) },
  { name: 'GET /api/statements/{slug}/translations/{locale}', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements/matrix/translations/fr') },
  { name: 'GET /api/statements/{slug}/translations/{locale} (.xlf)', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements/matrix/translations/fr.xlf') },
  { name: 'GET /api/statements/{slug}/translations/{locale} (.md)', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements/matrix/translations/fr.md') },
  { name: 'PUT /api/statements/{slug}/translations/{locale}', allowed: ['admin', 'translator', 'reviewer', 'adminFr'], request: (w) => call(w, 'PUT', '/api/statements/matrix/translations/fr', '# Titre\n\nUn paragraphe.\n') },
  { name: 'PUT /api/statements/{slug}/translations/{locale}/segments/{segmentId}', allowed: ['admin', 'translator', 'reviewer', 'adminFr'], request: (w) => call(w, 'PUT', `/api/statements/matrix/translations/fr/segments/${segment.id}`, { text: 'Titre' }, { 'if-match': String(segment.version) }) },
  { name: 'POST /api/statements/{slug}/translations/{locale}/submit', allowed: ['admin', 'translator', 'adminFr'], request: (w) => call(w, 'POST', '/api/statements/matrix/translations/fr/submit') },
  { name: 'GET /api/statements/{slug}/translations/{locale}/segments/{segmentId}/history', allowed: everyone, request: (w) => call(w, 'GET', `/api/statements/matrix/translations/fr/segments/${segment.id}/history`) },
  { name: 'GET /api/statements/{slug}/translations/{locale}/comments', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements/matrix/translations/fr/comments') },
  { name: 'POST /api/statements/{slug}/translations/{locale}/comments', allowed: ['admin', 'translator', 'reviewer', 'adminFr'], request: (w) => call(w, 'POST', '/api/statements/matrix/translations/fr/comments', { segmentId: segment.id, text: 'A question' }) },
  { name: 'POST /api/statements/{slug}/translations/{locale}/reviews', allowed: ['admin', 'reviewer', 'adminFr'], request: (w) => call(w, 'POST', '/api/statements/matrix/translations/fr/reviews', { decision: 'request_changes', comment: 'x' }) },
  { name: 'POST /api/statements/{slug}/editions', allowed: ['admin', 'publisher', 'adminFr'], request: (w) => call(w, 'POST', '/api/statements/matrix/editions', { locales: ['fr'] }) },
  { name: 'GET /api/statements/{slug}/editions', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements/matrix/editions') },
  { name: 'POST /api/statements/{slug}/editions/{id}/withdraw', allowed: ['admin', 'publisher'], request: (w) => call(w, 'POST', `/api/statements/matrix/editions/${editionId}/withdraw`, { reason: 'matrix' }) },
  { name: 'POST /api/webhooks', allowed: ['admin'], request: (w) => call(w, 'POST', '/api/webhooks', { url: 'http://127.0.0.1:9/hook' }) },
  { name: 'GET /api/webhooks', allowed: ['admin'], request: (w) => call(w, 'GET', '/api/webhooks') },
  { name: 'GET /api/webhooks/{id}/deliveries', allowed: ['admin'], request: (w) => call(w, 'GET', '/api/webhooks/none/deliveries') },
  { name: 'GET /api/statements/{slug}/translations/{locale}/back-translation', allowed: everyone, request: (w) => call(w, 'GET', '/api/statements/matrix/translations/fr/back-translation?provider=pseudo') },
  { name: 'POST /api/statements/{slug}/translations/{locale}/overrides', allowed: ['admin', 'reviewer', 'adminFr'], request: (w) => call(w, 'POST', '/api/statements/matrix/translations/fr/overrides', { rule: 'machine-share', reason: 'matrix' }) },
  { name: 'POST /api/glossary', allowed: ['admin', 'publisher'], request: (w) => call(w, 'POST', '/api/glossary', { term: 'RSN' }) },
  { name: 'GET /api/glossary', allowed: everyone, request: (w) => call(w, 'GET', '/api/glossary?locale=fr') },
  // A fresh French term each time (made by the admin), deleted by the caller: a publisher of French.
  {
    name: 'DELETE /api/glossary/{id}',
    allowed: ['admin', 'publisher', 'adminFr'],
    request: async (w) => {
      const term = (await call('admin', 'POST', '/api/glossary', { term: `Term ${randomUUID()}`, targetLocale: 'fr', targetText: 'Terme' })).body as unknown as { id: string };
      return call(w, 'DELETE', `/api/glossary/${term.id}`);
    },
  },
  { name: 'GET /api/glossary.tbx', allowed: everyone, request: (w) => call(w, 'GET', '/api/glossary.tbx?locale=fr') },
  { name: 'GET /api/glossary.csv', allowed: everyone, request: (w) => call(w, 'GET', '/api/glossary.csv') },
  { name: 'GET /api/tm.tmx', allowed: everyone, request: (w) => call(w, 'GET', '/api/tm.tmx?source=en&target=fr') },
  { name: 'POST /api/tm', allowed: ['admin', 'publisher', 'translator', 'reviewer', 'adminFr'], request: (w) => call(w, 'POST', '/api/tm', matrixTmx, { 'content-type': 'application/x-tmx+xml' }) },
  { name: 'GET /api/link-targets/{locale}', allowed: everyone, request: (w) => call(w, 'GET', '/api/link-targets/fr') },
  { name: 'PUT /api/link-targets/{locale}', allowed: ['admin', 'publisher', 'adminFr'], request: (w) => call(w, 'PUT', '/api/link-targets/fr', { targets: { 'https://a.example/': 'https://a.example/fr/' } }) },
  { name: 'POST /api/users', allowed: ['admin'], request: (w) => call(w, 'POST', '/api/users', { name: `u-${w}`, roles: [{ role: 'translator', locale: 'fr' }] }) },
  { name: 'GET /api/users', allowed: ['admin'], request: (w) => call(w, 'GET', '/api/users') },
  // An unknown user: the admin meets 404 user_not_found, everyone else 403 first.
  { name: 'POST /api/users/{id}/token', allowed: ['admin'], request: (w) => call(w, 'POST', '/api/users/nobody/token') },
  { name: 'POST /api/users/{id}/revoke', allowed: ['admin'], request: (w) => call(w, 'POST', '/api/users/nobody/revoke') },
  { name: 'POST /api/users/{id}/sign-in-links', allowed: ['admin'], request: (w) => call(w, 'POST', '/api/users/nobody/sign-in-links') },
  { name: 'GET /api/users/me', allowed: everyone, request: (w) => call(w, 'GET', '/api/users/me') },
  { name: 'PATCH /api/users/me', allowed: everyone, request: (w) => call(w, 'PATCH', '/api/users/me', { reviewerDisplay: null }) },
  { name: 'PATCH /api/users/{id}', allowed: ['admin'], request: (w) => call(w, 'PATCH', '/api/users/nobody', { reviewerDisplay: 'initials' }) },
];

describe('role × route matrix', () => {
  it('covers every /api route of the OpenAPI document', async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/')).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(new Set(routes.map((r) => r.name.replace(/ \(.*\)$/, '')))).toEqual(new Set(documented));
  });

  it.each(routes.flatMap((r) => [null, 'bad-token', ...everyone].map((who) => ({ route: r.name, who, r }))))('$route as $who', async ({ r, who }) => {
    const res = await r.request(who);
    if (who === null || who === 'bad-token') {
      expect(res.status).toBe(401);
      expect(res.body?.error?.code).toBe('unauthenticated');
    } else if (r.allowed.includes(who)) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.body?.error?.code).toBe('forbidden');
    }
  });
});

describe('admin is global only', () => {
  it('refuses to grant admin for one locale (400 user_invalid), and creates nobody', async () => {
    const refused = await call('admin', 'POST', '/api/users', { name: 'half-admin', roles: [{ role: 'admin', locale: 'fr' }] });
    expect(refused.status).toBe(400);
    expect(refused.body?.error).toMatchObject({ code: 'user_invalid', details: { field: 'roles.0.locale' } });
    expect((await call('admin', 'POST', '/api/users', { name: 'whole-admin', roles: [{ role: 'admin', locale: '*' }] })).status).toBe(201);
  });

  it('a locale-scoped admin grant acts for its locale only: no users, no webhooks, no other locale', async () => {
    const created = await call('adminFr', 'POST', '/api/users', { name: 'made-by-fr', roles: [{ role: 'admin', locale: '*' }] });
    expect([created.status, created.body?.error?.code]).toEqual([403, 'forbidden']);
    expect((await call('adminFr', 'PUT', '/api/link-targets/ar', { targets: { 'https://a.example/': 'https://evil.example/' } })).status).toBe(403);
    expect((await call('admin', 'GET', '/api/link-targets/ar')).body).toMatchObject({ targets: {} });
    expect((await call('adminFr', 'GET', '/api/webhooks')).status).toBe(403);
    expect((await call('adminFr', 'POST', '/api/webhooks', { url: 'http://127.0.0.1:9/fr' })).status).toBe(403);
    expect((await call('adminFr', 'POST', '/api/glossary', { term: 'Global' })).status).toBe(403);
    expect((await call('adminFr', 'PUT', '/api/link-targets/fr', { targets: { 'https://b.example/': 'https://b.example/fr/' } })).status).toBe(200);
  });
});
