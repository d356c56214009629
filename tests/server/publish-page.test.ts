/**
 * The publish page over HTTP (the service on 127.0.0.1, a real SQLite file): the source
 * language is ticked by default, so that it is published with the translations (a reader
 * asking for it must not get a translation), and no longer once an edition of it is live. A
 * publication that overtakes a scheduled edition says so, on the page and in the API's answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/http-api.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'publish-page-admin-token-0123456789';
let server: RunningServer;
let dir: string;
const call = apiClient(() => server, { admin });
let session = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-publish-page-'));
  server = await startServer({ EDITIONS_DB: join(dir, 'editions.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off' });
  const form = await fetch(`${server.url}/sign-in`);
  const formCookie = /editions_sign_in=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const formToken = /name="form_token" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${server.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_sign_in=${formCookie}`, origin: server.url },
    body: new URLSearchParams({ token: admin, form_token: formToken, next: '/statements' }),
  });
  session = /editions_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

/** The checkbox of `locale` on the publish page, as served. */
async function checkbox(slug: string, locale: string): Promise<string> {
  const res = await fetch(`${server.url}/statements/${slug}/publish`, { headers: { cookie: `editions_session=${session}` } });
  expect(res.status).toBe(200);
  const input = new RegExp(`<input[^>]*id="publish-${locale}"[^>]*>`).exec(await res.text());
  expect(input, `no checkbox for ${locale}`).not.toBeNull();
  return input![0];
}

describe('the publish page', () => {
  it('ticks the source language by default, until an edition of it is live', async () => {
    expect((await call('admin', 'POST', '/api/statements', { slug: 'publish-page', sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n' })).status).toBe(201);
    expect((await call('admin', 'POST', '/api/statements/publish-page/drafts', { locales: ['fr'], provider: 'pseudo' })).status).toBe(202);
    const source = await checkbox('publish-page', 'en');
    expect(source).toMatch(/\schecked(=""|\s|>|\/)/);
    expect(source).not.toMatch(/\sdisabled/);
    // A translation not approved yet is offered, not ticked.
    expect(await checkbox('publish-page', 'fr')).not.toMatch(/\schecked/);

    expect((await call('admin', 'POST', '/api/statements/publish-page/editions', { locales: ['en'] })).status).toBe(201);
    expect(await checkbox('publish-page', 'en')).not.toMatch(/\schecked/);
  });

  it('says when a publication overtakes a scheduled edition, on the page and in the API answer (caller’s language)', async () => {
    const slug = 'overtaken';
    const cookie = `editions_session=${session}`;
    expect((await call('admin', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: '# Planned\n\nFor later.\n' })).status).toBe(201);
    const revise = async (markdown: string) => {
      const statement = await call('admin', 'GET', `/api/statements/${slug}`);
      expect((await call('admin', 'PUT', `/api/statements/${slug}/source`, markdown, { 'if-match': statement.headers.get('etag')! })).status).toBe(200);
    };
    const first = await call('admin', 'POST', `/api/statements/${slug}/editions`, { locales: ['en'], embargoUntil: '2099-01-01T15:00:00.000Z' });
    expect(first.status).toBe(201);
    expect(first.body.editions[0].overtakes).toEqual([]);

    // The page: publishing a revision now overtakes the edition scheduled for 2099.
    await revise('# Urgent\n\nFixed now.\n');
    const form = await fetch(`${server.url}/statements/${slug}/publish`, { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const posted = await fetch(`${server.url}/statements/${slug}/publish`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, locales: 'en' }),
    });
    expect(posted.status).toBe(303);
    const html = await (await fetch(`${server.url}${posted.headers.get('location')!}`, { headers: { cookie } })).text();
    expect(html).toMatch(/<li data-locale="en">en: the edition scheduled for <time datetime="2099-01-01T15:00:00.000Z">[^<]+<\/time> will not be released: this one supersedes it\.<\/li>/);

    // The API: another edition scheduled, then overtaken by one published now; the message in French.
    await revise('# Later again\n\nScheduled.\n');
    const scheduled = await call('admin', 'POST', `/api/statements/${slug}/editions`, { locales: ['en'], embargoUntil: '2099-06-01T08:00:00.000Z' });
    expect(scheduled.body.editions[0].overtakes).toEqual([]);
    await revise('# Urgent again\n\nFixed again.\n');
    const now = await call('admin', 'POST', `/api/statements/${slug}/editions`, { locales: ['en'] }, { 'accept-language': 'fr' });
    expect(now.status).toBe(201);
    expect(now.body.editions[0].overtakes).toEqual([
      { editionId: scheduled.body.editions[0].id, locale: 'en', visibleFrom: '2099-06-01T08:00:00.000Z', message: 'en : l’édition prévue pour le 2099-06-01T08:00:00.000Z ne sera pas publiée : celle-ci la remplace.' },
    ]);
  });
});
