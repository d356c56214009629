/**
 * A NUL character (U+0000) anywhere in a request's path, query or text body is refused at the
 * edge with 400 validation_failed, on SQLite and PostgreSQL alike (PostgreSQL's text refuses it:
 * it used to be a 500 there; SQLite stored it): public routes, API reads and writes, pages and
 * their forms (urlencoded and multipart, a file's text included). Nothing is stored and no
 * "unexpected error" is logged. A public path whose slug is not a slug is a 404 before any query.
 * Over HTTP, a real server on 127.0.0.1 per database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signInToPages } from '../support/page-session.ts';
import { postgresAvailable } from '../support/postgres.ts';
import { useService } from '../support/use-service.ts';

const databases = postgresAvailable ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(databases)('a NUL character is refused (%s)', (dialect) => {
  const service = useService({
    dialect,
    users: {
      publisher: [{ role: 'publisher', locale: '*' }],
      translator: [{ role: 'translator', locale: 'fr' }],
    },
  });
  const { call } = service;
  const slug = 'nul-test';
  const base = `/api/statements/${slug}/translations/fr`;
  let session = '';
  let csrf = '';

  beforeAll(async () => {
    expect((await call('publisher', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n' })).status).toBe(201);
    const job = await call('translator', 'POST', `/api/statements/${slug}/drafts`, { locales: ['fr'], provider: 'pseudo' });
    expect(job.status, job.text).toBe(202);
    for (let i = 0; i < 400 && (await call('translator', 'GET', `/api/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await call('publisher', 'POST', `/api/statements/${slug}/editions`, { locales: ['en'] })).status).toBe(201);
    session = await signInToPages(service.url, service.tokens.translator!);
    const html = await (await fetch(`${service.url}/statements`, { headers: { cookie: `editions_session=${session}` } })).text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  }, 60_000);

  const refused = (answer: { status: number; body: Record<string, any>; text: string }, field: string) => {
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'validation_failed', details: { field } });
  };
  const noUnexpectedError = () => expect(service.server.output()).not.toContain('unexpected error');

  it('public routes, no token: 400 for a NUL in the path; a slug that is not one is a 404', async () => {
    for (const path of ['/published/a%00b/fr', '/published/a%00b', '/published/a%00b/fr.json', '/published/nul-test/fr%00.json']) {
      refused(await call(null, 'GET', path, undefined, { accept: 'application/json' }), 'path');
    }
    const fr = await call(null, 'GET', '/published/a%00b/fr.json', undefined, { 'accept-language': 'fr' });
    expect(fr.body.error.message).toBe('Champ path : le caractère NUL (U+0000) n’est pas admis');
    expect(fr.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/published/A_B/en.json', '/published/a%20b', '/published/caf%C3%A9/en.md', '/published/a--b/en.html']) {
      expect((await call(null, 'GET', path)).status, path).toBe(404);
    }
    expect((await call(null, 'GET', `/published/${slug}/en.json`)).status).toBe(200);
    noUnexpectedError();
  });

  it('API reads: 400 for a NUL in the path or the query', async () => {
    refused(await call('translator', 'GET', '/api/statements/a%00b'), 'path');
    refused(await call('translator', 'GET', '/api/jobs/%00'), 'path');
    refused(await call('translator', 'GET', '/api/glossary?locale=fr&collection=a%00'), 'query');
    noUnexpectedError();
  });

  it('API writes: 400 for a NUL in a JSON or Markdown body, and nothing is stored', async () => {
    const before = (await call('translator', 'GET', base)).body.segments as { id: string; version: number; text: string | null }[];
    const seg = before[0]!;
    refused(await call('translator', 'PUT', `${base}/segments/${seg.id}`, { text: 'Ti\u0000tre' }, { 'if-match': String(seg.version) }), 'body');
    refused(await call('translator', 'POST', `${base}/comments`, { text: 'a\u0000b' }), 'body');
    refused(await call('publisher', 'POST', '/api/statements', { slug: 'nul-two', sourceLocale: 'en', markdown: '# A\u0000B\n' }), 'body');
    refused(await call('publisher', 'POST', '/api/statements?slug=nul-three&sourceLocale=en', '# A\u0000B\n'), 'body');
    refused(await call('publisher', 'POST', '/api/glossary', { term: 'se\u0000ed', targetLocale: 'fr', targetText: 'graine' }), 'body');
    refused(await call('admin', 'POST', '/api/users', { name: 'Ann\u0000', roles: [] }), 'body');
    refused(await call('publisher', 'PUT', '/api/link-targets/fr', { targets: { 'https://example.org/a': 'https://example.org/\u0000' } }), 'body');
    // A backslash followed by `u0000` is text, not a NUL.
    const literal = await call('translator', 'POST', `${base}/comments`, { text: 'C:\\u0000' });
    expect(literal.status, literal.text).toBe(201);
    const after = (await call('translator', 'GET', base)).body.segments as { id: string; version: number; text: string | null }[];
    expect(after[0]).toMatchObject({ version: seg.version, text: seg.text });
    expect((await call('publisher', 'GET', '/api/statements/nul-two')).status).toBe(404);
    expect((await call('publisher', 'GET', '/api/statements/nul-three')).status).toBe(404);
    expect((await call('publisher', 'GET', '/api/glossary?locale=fr')).body.terms ?? []).toEqual([]);
    expect(((await call('admin', 'GET', '/api/users')).body.users as { name: string }[]).map((u) => u.name)).not.toContain('Ann\u0000');
    expect((await call('publisher', 'GET', '/api/link-targets/fr')).body.targets).toEqual({});
    const comments = (await call('translator', 'GET', `${base}/comments`)).body;
    expect(comments.total).toBe(1);
    noUnexpectedError();
  });

  it('pages: 400 for a NUL in the path, the query, a form field or an uploaded file', async () => {
    const get = (path: string) => fetch(`${service.url}${path}`, { headers: { cookie: `editions_session=${session}` } });
    for (const path of ['/statements/a%00b/translate/fr', '/statements/a%00b/history', '/statements/a%00b/publish', '/statements?q=a%00b', '/jobs/a%00/events']) {
      expect((await get(path)).status, path).toBe(400);
    }
    const post = (path: string, body: URLSearchParams | FormData) =>
      fetch(`${service.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: `editions_session=${session}`, origin: service.url, 'x-csrf-token': csrf, ...(body instanceof URLSearchParams ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
      });
    const form = await post(`/statements/${slug}/translate/fr/comments`, new URLSearchParams({ _csrf: csrf, text: 'a\u0000b' }));
    expect(form.status).toBe(400);
    const multipart = new FormData();
    multipart.set('_csrf', csrf);
    multipart.set('text', 'a\u0000b');
    expect((await post(`/statements/${slug}/translate/fr/comments`, multipart)).status).toBe(400);
    expect((await call('translator', 'GET', `${base}/comments`)).body.total).toBe(1);
    const publisher = await signInToPages(service.url, service.tokens.publisher!);
    const html = await (await fetch(`${service.url}/statements`, { headers: { cookie: `editions_session=${publisher}` } })).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const upload = new FormData();
    upload.set('_csrf', token);
    upload.set('slug', 'nul-file');
    upload.set('sourceLocale', 'en');
    upload.set('file', new File(['# A\u0000B\n'], 'nul-file.md', { type: 'text/markdown' }));
    const imported = await fetch(`${service.url}/statements/import`, { method: 'POST', redirect: 'manual', headers: { cookie: `editions_session=${publisher}`, origin: service.url, 'x-csrf-token': token }, body: upload });
    expect(imported.status).not.toBe(303);
    expect(await imported.text()).toContain('U+0000');
    expect((await call('publisher', 'GET', '/api/statements/nul-file')).status).toBe(404);
    noUnexpectedError();
  });
});
