/**
 * The publish page over HTTP (the service on 127.0.0.1, a real SQLite file): the source
 * language is ticked by default, so that it is published with the translations (a reader
 * asking for it must not get a translation), and no longer once an edition of it is live.
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
});
