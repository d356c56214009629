/**
 * Sessions and CSRF of the pages, over plain HTTP (no browser needed): the cookie's flags,
 * only a hash of the session id stored, CSRF token and Origin checked on every state-changing
 * request, sign-in's own double-submit token, sign-out ending the session, the page language
 * from the cookie or Accept-Language, and the API untouched by the pages' middleware.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagesWorld, type PagesWorld } from './support/pages-world.ts';

let world: PagesWorld;
let token: string;

/** The Origin a browser sends: https behind a proxy that says so. */
function originFor(headers: Record<string, string>): string {
  return headers['x-forwarded-proto'] === 'https' ? world.url.replace(/^http:/, 'https:') : world.url;
}

/** Signs in as a browser would (GET the form for its token and cookie, POST it); the session cookie and CSRF token. */
async function signIn(withToken: string, headers: Record<string, string> = {}) {
  const form = await fetch(`${world.url}/sign-in`, { headers });
  const formCookie = /editions_sign_in=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const formToken = /name="form_token" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${world.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_sign_in=${formCookie}`, origin: originFor(headers), ...headers },
    body: new URLSearchParams({ token: withToken, form_token: formToken, next: '/statements' }),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const session = /editions_session=([^;]+)/.exec(setCookie)?.[1];
  let csrf: string | undefined;
  if (session) {
    const page = await (await fetch(`${world.url}/statements`, { headers: { cookie: `editions_session=${session}` } })).text();
    csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
  }
  return { res, setCookie, session, csrf };
}

function post(path: string, session: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${world.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_session=${session}`, ...headers },
    body: new URLSearchParams(fields),
  });
}

beforeAll(async () => {
  world = await startPagesWorld();
  token = await world.person('publisher', [{ role: 'publisher', locale: '*' }]);
});
afterAll(async () => {
  await world?.stop();
});

describe('page sessions', () => {
  it('sends a person to sign in first, and back afterwards', async () => {
    const res = await fetch(`${world.url}/statements?q=x`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fstatements%3Fq%3Dx');
  });

  it('refuses a wrong token with a message in the person’s language', async () => {
    const { session, res } = await signIn('not-a-token', { 'accept-language': 'fr' });
    expect(session).toBeUndefined();
    const page = await res.text();
    expect(page).toContain('<html lang="fr" dir="ltr">');
    expect(page).toMatch(/role="alert" data-code="unauthenticated"/);
  });

  it('sets an HttpOnly, SameSite, random session cookie, Secure behind https, and stores only its hash', async () => {
    const one = await signIn(token);
    expect(one.res.status).toBe(303);
    expect(one.res.headers.get('location')).toBe('/statements');
    expect(one.setCookie).toMatch(/editions_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(one.setCookie).not.toMatch(/Secure/);
    const two = await signIn(token, { 'x-forwarded-proto': 'https' });
    expect(two.setCookie).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    expect(two.session).not.toBe(one.session);
    const db = new Database(world.dbPath, { readonly: true });
    try {
      const rows = db.prepare('select id_hash, csrf_token from sessions').all() as { id_hash: string; csrf_token: string }[];
      const hashes = rows.map((r) => r.id_hash);
      expect(hashes).toContain(createHash('sha256').update(one.session!).digest('hex'));
      expect(hashes).not.toContain(one.session);
      expect(rows.map((r) => r.csrf_token)).toContain(one.csrf);
    } finally {
      db.close();
    }
  });

  it('refuses a sign-in form that did not come from its own page (no double-submit token)', async () => {
    const res = await fetch(`${world.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, next: '/statements' }),
    });
    expect(res.headers.get('set-cookie') ?? '').not.toContain('editions_session');
    expect(await res.text()).toMatch(/data-code="forbidden"/);
  });

  it('checks the CSRF token and the Origin of every state-changing request', async () => {
    const { session, csrf } = await signIn(token);
    const md = '# Imported\n\nText.\n';
    const form = () => {
      const body = new FormData();
      body.set('file', new Blob([md], { type: 'text/markdown' }), 'imported.md');
      body.set('sourceLocale', 'en');
      return body;
    };
    const send = (body: FormData, headers: Record<string, string> = {}) =>
      fetch(`${world.url}/statements/import`, { method: 'POST', redirect: 'manual', headers: { cookie: `editions_session=${session}`, ...headers }, body });
    const missing = await send(form());
    expect(missing.status).toBe(403);
    const wrong = form();
    wrong.set('_csrf', 'x'.repeat(csrf!.length));
    expect((await send(wrong)).status).toBe(403);
    const foreign = form();
    foreign.set('_csrf', csrf!);
    expect((await send(foreign, { origin: 'https://evil.example' })).status).toBe(403);
    const list = await (await fetch(`${world.url}/statements`, { headers: { cookie: `editions_session=${session}` } })).text();
    expect(list).not.toContain('data-slug="imported"');

    const good = form();
    good.set('_csrf', csrf!);
    const ok = await send(good, { origin: world.url });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/statements?imported=imported');
    // The header works as well as the field (the pages' script uses it).
    const viaHeader = await post('/statements/imported/publish', session!, { locales: 'en' }, { 'x-csrf-token': csrf! });
    expect(viaHeader.status).toBe(303);
    expect(viaHeader.headers.get('location')).toBe('/statements/imported/publish?done=published');
  });

  it('refuses a body over the limit before reading it all', async () => {
    const { session, csrf } = await signIn(token);
    const body = new FormData();
    body.set('_csrf', csrf!);
    body.set('file', new Blob(['x'.repeat(2_100_000)], { type: 'text/markdown' }), 'huge.md');
    const res = await fetch(`${world.url}/statements/import`, { method: 'POST', headers: { cookie: `editions_session=${session}` }, body });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('data-code="input_too_large"');
  });

  it('ends the session on sign-out: the old cookie no longer signs in', async () => {
    const { session, csrf } = await signIn(token);
    expect((await post('/sign-out', session!, {})).status).toBe(403);
    const out = await post('/sign-out', session!, { _csrf: csrf! });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/editions_session=; Max-Age=0/);
    const after = await fetch(`${world.url}/statements`, { redirect: 'manual', headers: { cookie: `editions_session=${session}` } });
    expect(after.status).toBe(303);
  });

  it('speaks the cookie’s language, else Accept-Language’s; right to left for Arabic', async () => {
    const ar = await (await fetch(`${world.url}/sign-in`, { headers: { 'accept-language': 'ar-EG, fr;q=0.5' } })).text();
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    const fr = await (await fetch(`${world.url}/sign-in`, { headers: { 'accept-language': 'ar', cookie: 'lang=fr' } })).text();
    expect(fr).toContain('<html lang="fr" dir="ltr">');
    expect(fr).toContain('Connexion');
    const chosen = await fetch(`${world.url}/language`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ lang: 'ar', back: '//evil.example/' }) });
    expect(chosen.headers.get('set-cookie')).toMatch(/^lang=ar;/);
    expect(chosen.headers.get('location')).toBe('/statements');
  });

  it('sends a strict Content-Security-Policy with every page, and leaves the API and published routes alone', async () => {
    const page = await fetch(`${world.url}/sign-in`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const api = await fetch(`${world.url}/api/statements`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toBeNull();
    const unauthenticated = await fetch(`${world.url}/api/statements`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await fetch(`${world.url}/nothing-here`)).headers.get('content-type')).toMatch(/^application\/json/);
  });
});
