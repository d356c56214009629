/**
 * Where the pages send someone back to (sign-in's `next`, the language chooser's `back`),
 * over HTTP against the service on 127.0.0.1: a path of this site only, whatever is sent
 * (tabs, CR LF, backslashes, percent-encoded slashes, non-ASCII), and never a 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signInToPages } from '../support/page-session.ts';
import { useService } from '../support/use-service.ts';

const admin = 'redirect-admin-token-0123456789';
const service = useService({ admin });
let session = '';

/** `next` and `back` as they arrive in the query string (already percent-encoded where needed). */
const hostile = [
  '/%09/evil.example/x',
  '/%0d%0aSet-Cookie:%20x=1',
  '/%0a/evil.example',
  '//evil.example',
  '/%2F%2Fevil.example',
  '/%252F%252Fevil.example',
  '/%5Cevil.example',
  '/\\evil.example',
  '/%5C%5Cevil.example',
  '%2F%2Fevil.example',
  'https://evil.example/',
  'https:%2F%2Fevil.example',
  '/%E2%80%AE/evil.example',
  '/%20/evil.example',
  '/%C2%A0/evil.example',
  '/%',
  '',
];
const kept: [string, string][] = [
  ['/statements', '/statements'],
  ['/statements%3Fq%3Dseed', '/statements?q=seed'],
  ['/statements%3Fq%3Dseed%2520bank', '/statements?q=seed%20bank'],
  ['/statements/seed-bank/review/fr%3Fback%3Dauto%23seg-abc', '/statements/seed-bank/review/fr?back=auto#seg-abc'],
  ['/statements/caf%C3%A9', '/statements/caf%C3%A9'],
];

/** The Location a redirect answers, resolved as a browser would against the service's URL. */
function landing(res: Response): URL {
  expect(res.status, res.headers.get('location') ?? '').toBe(303);
  return new URL(res.headers.get('location')!, service.url);
}

beforeAll(async () => {
  session = await signInToPages(service.url, admin);
});

describe('redirects stay on this site', () => {
  it('signed in, GET /sign-in?next= sends only to a path of this site, else to the statements', async () => {
    for (const next of hostile) {
      const res = await fetch(`${service.url}/sign-in?next=${next}`, { redirect: 'manual', headers: { cookie: `editions_session=${session}` } });
      const to = landing(res);
      expect([next, res.headers.get('location')]).toEqual([next, '/statements']);
      expect(to.origin).toBe(service.url);
    }
    // A NUL character is refused before any route (400 validation_failed), with no Location at all.
    const nul = await fetch(`${service.url}/sign-in?next=/x%00y`, { redirect: 'manual', headers: { cookie: `editions_session=${session}` } });
    expect([nul.status, nul.headers.get('location')]).toEqual([400, null]);
    for (const [next, location] of kept) {
      const res = await fetch(`${service.url}/sign-in?next=${next}`, { redirect: 'manual', headers: { cookie: `editions_session=${session}` } });
      expect([next, res.status, res.headers.get('location')]).toEqual([next, 303, location]);
    }
  });

  it('POST /language and POST /sign-in go back to a path of this site only', async () => {
    for (const raw of hostile) {
      const back = decodeURIComponent(raw.replace(/%(?![0-9a-f]{2})/gi, '%25'));
      const chosen = await fetch(`${service.url}/language`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.url },
        body: new URLSearchParams({ lang: 'fr', back }),
      });
      expect([JSON.stringify(back), chosen.status, chosen.headers.get('location')]).toEqual([JSON.stringify(back), 303, '/statements']);
    }
    const nul = await fetch(`${service.url}/language`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.url }, body: new URLSearchParams({ lang: 'fr', back: '/x\u0000y' }) });
    expect([nul.status, nul.headers.get('location')]).toEqual([400, null]);
    // Signing in with a hostile `next` in the form lands on the statements too.
    const form = await fetch(`${service.url}/sign-in?next=/%09/evil.example/x`);
    const page = await form.text();
    expect(page).not.toContain('evil.example');
    const formCookie = /editions_sign_in=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
    const formToken = /name="form_token" value="([^"]+)"/.exec(page)![1]!;
    const res = await fetch(`${service.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_sign_in=${formCookie}`, origin: service.url },
      body: new URLSearchParams({ token: admin, form_token: formToken, next: '/\t/evil.example/x' }),
    });
    expect([res.status, res.headers.get('location')]).toEqual([303, '/statements']);
    const kept = await fetch(`${service.url}/language`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.url }, body: new URLSearchParams({ lang: 'ar', back: '/statements/seed-bank/history' }) });
    expect(kept.headers.get('location')).toBe('/statements/seed-bank/history');
  });
});
