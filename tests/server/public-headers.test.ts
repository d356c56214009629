/**
 * Security headers on what readers fetch without a token (/published, /feeds): nosniff, a
 * Referrer-Policy and a strict Content-Security-Policy (an edition's HTML may show images,
 * nothing else; every other answer loads nothing), framing as EDITIONS_PUBLIC_FRAME_ANCESTORS
 * says, on 200s, 304s and refusals alike. And /docs: the API reference from this origin only.
 */
import { parse } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { editionStylesheetHash } from '../../src/publishing/html-document.ts';
import { useService } from '../support/use-service.ts';

const admin = 'headers-admin-token-0123456789abcdef';
const service = useService({ admin, env: { EDITIONS_PUBLIC_FRAME_ANCESTORS: "'self' https://www.example.org" } });

async function api(method: string, path: string, body: unknown) {
  const res = await fetch(`${service.url}${path}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res;
}

beforeAll(async () => {
  await api('POST', '/api/statements', { slug: 'framed', sourceLocale: 'en', markdown: '# Framed\n\nA text with ![a picture](https://img.example.org/p.png).\n' });
  await api('POST', '/api/statements/framed/editions', { locales: ['en'] });
});

// The reader page's one inline stylesheet is allowed by its hash (src/publishing/html-document.ts).
const htmlPolicy = `default-src 'none'; img-src 'self' https: data:; style-src 'self' ${editionStylesheetHash}; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://www.example.org`;
const otherPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://www.example.org";

function expectSecure(res: Response, policy: string) {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('content-security-policy')).toBe(policy);
}

describe('security headers of /published and /feeds', () => {
  it.each([
    ['/published/framed/en.md', otherPolicy, 'text/markdown'],
    ['/published/framed/en.json', otherPolicy, 'application/json'],
    ['/published/framed/en.html', htmlPolicy, 'text/html'],
    ['/published/framed/en', otherPolicy, 'text/markdown'],
    ['/feeds/en.rss', otherPolicy, 'application/rss+xml'],
    ['/feeds/en.atom', otherPolicy, 'application/atom+xml'],
  ])('%s: on the 200 and on the 304', async (path, policy, type) => {
    const res = await fetch(`${service.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expectSecure(res, policy);
    await res.arrayBuffer();
    const again = await fetch(`${service.url}${path}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expectSecure(again, policy);
  });

  it('negotiated HTML (Accept, Accept-Language) gets the HTML policy', async () => {
    for (const path of ['/published/framed/en', '/published/framed']) {
      const res = await fetch(`${service.url}${path}`, { headers: { accept: 'text/html', 'accept-language': 'en' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expectSecure(res, htmlPolicy);
    }
  });

  // A missing edition asked for as HTML is a reader's page (HTML, with the edition's stylesheet): the HTML policy.
  it.each([
    ['/published/framed/de.html', htmlPolicy],
    ['/published/nope/en.md', otherPolicy],
    ['/published/nope', otherPolicy],
    ['/published/framed/en.md/extra', otherPolicy],
    ['/feeds/en.txt', otherPolicy],
    ['/feeds/no-such-locale-at-all.rss', otherPolicy],
  ])('%s: refusals too', async (path, policy) => {
    const res = await fetch(`${service.url}${path}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectSecure(res, policy);
  });
});

describe('/docs', () => {
  it('serves the API reference from this origin only: its scripts and stylesheet answer 200 with their types', async () => {
    const res = await fetch(`${service.url}/docs`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*|unsafe/);
    const html = await res.text();
    const found: { tag: string; attrs: Record<string, string> }[] = [];
    const walk = (node: any) => {
      if (node.tagName) found.push({ tag: node.tagName, attrs: Object.fromEntries(node.attrs.map((a: { name: string; value: string }) => [a.name, a.value])) });
      for (const child of node.childNodes ?? []) walk(child);
    };
    walk(parse(html));
    const scripts = found.filter((e) => e.tag === 'script');
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const s of scripts) expect(s.attrs.src, 'no inline script').toBeDefined();
    const styles = found.filter((e) => e.tag === 'link' && e.attrs.rel === 'stylesheet').map((e) => e.attrs.href!);
    expect(styles).toHaveLength(1);
    for (const [src, type] of [...scripts.map((s) => [s.attrs.src!, 'text/javascript'] as const), ...styles.map((h) => [h, 'text/css'] as const)]) {
      const url = new URL(src, `${service.url}/docs`);
      expect(url.origin, src).toBe(service.url);
      const file = await fetch(url);
      expect(file.status, src).toBe(200);
      expect(file.headers.get('content-type')).toContain(type);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await file.text()).length).toBeGreaterThan(10);
    }
    expect((await fetch(`${service.url}${scripts[0]!.attrs.src!.replace(/[^/]+$/, 'package.json')}`)).status).toBe(404);
  });
});
