/**
 * Page forms are validated with the API's own zod schemas (server/pages/form-input.ts): a
 * bad form is refused with the API's `validation_failed`, and the page shows the very message
 * the API gives for the same input, in the page's language. Over HTTP, against the service on
 * 127.0.0.1 with a real SQLite file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signInToPages } from '../support/page-session.ts';
import { useService } from '../support/use-service.ts';

const admin = 'page-forms-admin-token-0123456789';
const service = useService({
  admin,
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }],
    reviewer: [{ role: 'reviewer', locale: 'fr' }],
  },
});
const { call, tokens } = service;
const sessions: Record<string, string> = {};
const csrf: Record<string, string> = {};
const slug = 'page-forms';
const long = (n: number) => 'x'.repeat(n);


/** The page's answer to a form, in French, as text (entities decoded). */
async function post(who: string, path: string, fields: URLSearchParams | FormData): Promise<string> {
  const res = await fetch(`${service.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: `editions_session=${sessions[who]}; lang=fr`, origin: service.url, 'x-csrf-token': csrf[who]!, ...(fields instanceof URLSearchParams ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: fields,
  });
  const html = await res.text();
  return html.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The API's refusal of the same input, in French. */
async function apiRefusal(who: string, method: string, path: string, body: unknown): Promise<string> {
  const res = await call(who, method, path, body, { 'accept-language': 'fr' });
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  return res.body.error.message as string;
}

beforeAll(async () => {
  for (const who of ['admin', 'publisher', 'translator', 'reviewer']) {
    sessions[who] = await signInToPages(service.url, tokens[who]!);
    const html = await (await fetch(`${service.url}/statements`, { headers: { cookie: `editions_session=${sessions[who]}` } })).text();
    csrf[who] = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  }
  expect((await call('publisher', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n' })).status).toBe(201);
  const job = await call('translator', 'POST', `/api/statements/${slug}/drafts`, { locales: ['fr'], provider: 'pseudo' });
  expect(job.status, job.text).toBe(202);
  for (let i = 0; i < 400 && (await call('translator', 'GET', `/api/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
}, 60_000);

const api = `/api/statements/${slug}/translations/fr`;
const page = `/statements/${slug}`;

describe('a bad page form gets the API’s validation_failed message, in the page’s language', () => {
  it('review: a decision’s comment too long', async () => {
    const expected = await apiRefusal('reviewer', 'POST', `${api}/reviews`, { decision: 'request_changes', comment: long(5001) });
    expect(await post('reviewer', `${page}/review/fr/decision`, new URLSearchParams({ decision: 'request_changes', comment: long(5001) }))).toContain(expected);
  });

  it('review: an override of an unknown rule', async () => {
    const expected = await apiRefusal('reviewer', 'POST', `${api}/overrides`, { rule: 'no-such-rule', reason: 'because' });
    expect(await post('reviewer', `${page}/review/fr/override`, new URLSearchParams({ rule: 'no-such-rule', reason: 'because' }))).toContain(expected);
  });

  it('publish: an override reason too long', async () => {
    const expected = await apiRefusal('publisher', 'POST', `/api/statements/${slug}/editions`, { locales: ['fr'], override: { reason: long(2001) } });
    expect(await post('publisher', `${page}/publish`, new URLSearchParams({ locales: 'fr', override: long(2001) }))).toContain(expected);
  });

  it('translate: a segment form without its text', async () => {
    const segment = (await call('translator', 'GET', api)).body.segments[0] as { id: string; version: number };
    const expected = await apiRefusal('translator', 'PUT', `${api}/segments/${segment.id}`, {});
    expect(await post('translator', `${page}/translate/fr/segments/${segment.id}`, new URLSearchParams({ version: String(segment.version) }))).toContain(expected);
  });

  it('translate: a draft request naming a provider too long', async () => {
    const expected = await apiRefusal('translator', 'POST', `/api/statements/${slug}/drafts`, { locales: ['fr'], provider: long(51) });
    expect(await post('translator', `${page}/translate/fr/drafts`, new URLSearchParams({ provider: long(51) }))).toContain(expected);
  });

  it('comments: a segment id too long', async () => {
    const expected = await apiRefusal('translator', 'POST', `${api}/comments`, { segmentId: long(101), text: 'Bonjour' });
    expect(await post('translator', `${page}/translate/fr/comments`, new URLSearchParams({ segment: long(101), text: 'Bonjour' }))).toContain(expected);
  });

  it('team: a user’s name too long', async () => {
    const expected = await apiRefusal('admin', 'POST', '/api/users', { name: long(201), roles: [{ role: 'translator', locale: 'fr' }] });
    expect(await post('admin', '/users', new URLSearchParams({ name: long(201), role_translator: 'fr' }))).toContain(expected);
  });

  it('statements: an import whose slug is too long', async () => {
    const expected = await apiRefusal('publisher', 'POST', '/api/statements', { slug: long(201), sourceLocale: 'en', markdown: '# T\n' });
    const form = new FormData();
    form.set('file', new File(['# T\n'], 't.md', { type: 'text/markdown' }));
    form.set('slug', long(201));
    form.set('sourceLocale', 'en');
    expect(await post('publisher', '/statements/import', form)).toContain(expected);
  });
});

describe('a refused form answers the refusal’s HTTP status, with the page', () => {
  /** The status and text of the page a form post answers. */
  const submit = async (who: string, path: string, fields: Record<string, string> = {}) => {
    const res = await fetch(`${service.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `editions_session=${sessions[who]}`, origin: service.url, 'x-csrf-token': csrf[who]!, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
  };

  it('403 for a translator of fr posting to ar’s translate and review forms, and to publish', async () => {
    // Arabic is started (by the admin), so every form reaches its role check.
    const job = await call('admin', 'POST', `/api/statements/${slug}/drafts`, { locales: ['ar'], provider: 'pseudo' });
    expect(job.status, job.text).toBe(202);
    for (let i = 0; i < 400 && (await call('admin', 'GET', `/api/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
    const segment = (await call('translator', 'GET', api)).body.segments[0] as { id: string; version: number };
    const forms: [string, Record<string, string>][] = [
      [`${page}/translate/ar/start`, {}],
      [`${page}/translate/ar/segments/${segment.id}`, { text: 'نص', version: '1' }],
      [`${page}/translate/ar/submit`, {}],
      [`${page}/translate/ar/drafts`, {}],
      [`${page}/review/ar/decision`, { decision: 'approve' }],
      [`${page}/review/ar/override`, { rule: 'numbers', reason: 'fine' }],
      [`${page}/publish`, { locales: 'fr' }],
    ];
    for (const [path, fields] of forms) {
      const answer = await submit('translator', path, fields);
      expect([path, answer.status]).toEqual([path, 403]);
      expect(answer.type).toContain('text/html');
      expect(answer.html).toMatch(/role="alert" data-code="forbidden"/);
    }
  });

  it('the API’s status for other refusals: 400 for a bad form, 409 for a submission not ready', async () => {
    const empty = await submit('translator', `${page}/translate/fr/comments`, { text: '' });
    expect(empty.status).toBe(400);
    expect(empty.html).toMatch(/data-code="validation_failed"/);
    const api409 = await call('translator', 'POST', `${api}/submit`);
    const submitted = await submit('translator', `${page}/translate/fr/submit`);
    expect(submitted.status).toBe(api409.status);
    expect(submitted.status).not.toBe(200);
    // A page with nothing refused is still a 200.
    expect((await fetch(`${service.url}${page}/translate/fr`, { headers: { cookie: `editions_session=${sessions.translator}` } })).status).toBe(200);
  });
});
