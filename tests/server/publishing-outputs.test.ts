/**
 * What publishers send out, over a real server on 127.0.0.1 with a real SQLite file:
 * several locales published together, HTML with the
 * provenance footer and RTL isolation, per-locale RSS and Atom feeds (parsed back), a
 * correction notice in the page and the feed, and the static export read back.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createUsers, translateAndApprove } from '../support/http-api.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'outputs-admin-token-0123456789abcdef';
let server: RunningServer;
let dir: string;
const tokens: Record<string, string> = { admin };
const call = apiClient(() => server, tokens);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['entry', 'item', 'link', 'url', 'xhtml:link', 'atom:link', 'category'].includes(name) });

const source = `# Seed bank opens in Qasr Naba

The Regional Seed Network (RSN) opened its third depot on 3 April 2026.

- It holds 12,500 samples.
- Read [the report](https://example.org/report).
`;
const fr = [
  'La banque de semences ouvre à Qasr Naba',
  'Le Réseau régional de semences (RSN) a ouvert son troisième dépôt le 3 avril 2026.',
  'Elle conserve 12\u202f500 échantillons.',
  'Lisez <g id="1">le rapport</g>.',
];
const ar = [
  'افتتاح بنك البذور في قصر نبا',
  'افتتحت الشبكة الإقليمية للبذور (RSN) مستودعها الثالث في 3 أبريل 2026.',
  'يحتفظ بـ 12,500 عينة.',
  'اقرأ <g id="1">التقرير</g>.',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-outputs-'));
  server = await startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off', EDITIONS_PUBLIC_URL: 'https://news.example.org' });
  Object.assign(tokens, await createUsers(call, {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }, { role: 'translator', locale: 'ar' }],
    reviewer: [{ role: 'reviewer', locale: 'fr' }, { role: 'reviewer', locale: 'ar' }],
  }));
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'seed-bank', sourceLocale: 'en', markdown: source })).status).toBe(201);
  await translateAndApprove(call, 'seed-bank', 'fr', fr, 'translator', 'reviewer');
  await translateAndApprove(call, 'seed-bank', 'ar', ar, 'translator', 'reviewer');
}, 60_000);
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('publishing outputs', () => {
  // The release under embargo (together at its instant, none before) moves an injected clock: tests/server/embargo-release.test.ts.
  it('publishes several locales together, each answer naming them all', async () => {
    const res = await call('publisher', 'POST', '/api/statements/seed-bank/editions', { locales: ['en', 'fr', 'ar'] });
    expect(res.status, res.text).toBe(201);
    const first = await fetch(`${server.url}/published/seed-bank/fr.md`);
    expect(first.status).toBe(200);
    expect(first.headers.get('link')).toBe(['ar', 'en', 'fr'].map((l) => `</published/seed-bank/${l}>; rel="alternate"; hreflang="${l}"`).join(', '));
    for (const l of ['en', 'ar']) expect((await fetch(`${server.url}/published/seed-bank/${l}.md`)).status).toBe(200);
  });

  it('serves HTML with a provenance footer, and isolates Latin runs and numbers in Arabic', async () => {
    const frHtml = await (await fetch(`${server.url}/published/seed-bank/fr.html`)).text();
    expect(frHtml).toMatch(/^<!doctype html><html lang="fr" dir="ltr">/);
    expect(frHtml).toContain('<article lang="fr" dir="ltr">');
    expect(frHtml).toContain('<footer class="edition-provenance"');
    // Reviewers by role only (EDITIONS_REVIEWER_DISPLAY's default): how many, not who.
    expect(frHtml).toContain('<dt>Relecteurs</dt><dd>1</dd>');
    expect(frHtml).toContain('<a href="https://example.org/report">le rapport</a>');
    const arHtml = await (await fetch(`${server.url}/published/seed-bank/ar.html`)).text();
    expect(arHtml).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(arHtml).toContain('<article lang="ar" dir="rtl">');
    expect(arHtml).toContain('<bdi dir="ltr">RSN</bdi>');
    expect(arHtml).toMatch(/<bdi dir="ltr">12,500<\/bdi>/);
    const json = await (await fetch(`${server.url}/published/seed-bank/ar.json`)).json() as { provenance: { reviewers: string[]; reviewerCount?: number } };
    expect(json.provenance).toMatchObject({ reviewers: [], reviewerCount: 1 });
  });

  it('lists published statements in per-locale RSS and Atom feeds with hreflang alternates', async () => {
    const atom = await call(null, 'GET', '/feeds/fr.atom');
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(atom.text)).toBe(true);
    const feed = xml.parse(atom.text).feed;
    expect(feed['@_xml:lang']).toBe('fr');
    const [entry] = feed.entry;
    expect(entry.title['#text'] ?? entry.title).toBe('La banque de semences ouvre à Qasr Naba');
    const alternates = entry.link.filter((l: Record<string, string>) => l['@_hreflang']).map((l: Record<string, string>) => [l['@_hreflang'], l['@_href']]);
    expect(alternates).toEqual(expect.arrayContaining([['ar', 'https://news.example.org/published/seed-bank/ar'], ['en', 'https://news.example.org/published/seed-bank/en']]));
    const rss = await call(null, 'GET', '/feeds/ar.rss');
    expect(XMLValidator.validate(rss.text)).toBe(true);
    const channel = xml.parse(rss.text).rss.channel;
    expect(channel.language).toBe('ar');
    expect(channel.item[0].title).toBe('افتتاح بنك البذور في قصر نبا');
    expect((await call(null, 'GET', '/feeds/fr.atom', undefined, { 'if-none-match': atom.headers.get('etag')! })).status).toBe(304);
    expect((await call(null, 'GET', '/feeds/fr.json')).status).toBe(404);
  });

  it('carries a correction notice in the new edition and marks it in the feed', async () => {
    const t = (await call('translator', 'GET', '/api/statements/seed-bank/translations/fr')).body.segments as { id: string; version: number }[];
    const s = t[2]!;
    expect((await call('translator', 'PUT', `/api/statements/seed-bank/translations/fr/segments/${s.id}`, { text: 'Elle conserve désormais 12\u202f500 échantillons.' }, { 'if-match': String(s.version) })).status).toBe(200);
    expect((await call('reviewer', 'POST', '/api/statements/seed-bank/translations/fr/reviews', { decision: 'approve', segments: [s.id], versions: { [s.id]: s.version + 1 }, comment: 'ok' })).status).toBe(200);
    const res = await call('publisher', 'POST', '/api/statements/seed-bank/editions', { locales: ['fr'], correctionNote: 'Précision sur les échantillons.' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.editions[0].correction).toMatchObject({ note: 'Précision sur les échantillons.', changedSegments: 1, changes: [{ before: 'Elle conserve 12\u202f500 échantillons.', after: 'Elle conserve désormais 12\u202f500 échantillons.' }] });
    const html = await (await fetch(`${server.url}/published/seed-bank/fr.html`)).text();
    expect(html).toContain('class="correction-notice"');
    expect(html).toContain('Précision sur les échantillons.');
    const entry = xml.parse((await call(null, 'GET', '/feeds/fr.atom')).text).feed.entry[0];
    expect(entry.category.map((c: Record<string, string>) => c['@_term'])).toContain('correction');
  });

  it('exports every published edition as static files with a sitemap', async () => {
    const out = join(dir, 'site');
    const r = await runCliAsync(['export', out, '--base-url', 'https://static.example.org/statements'], { EDITIONS_DB: join(dir, 'e.db') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/exported 3 edition\(s\) in 3 locale\(s\) \(ar, en, fr\)/);
    const md = readFileSync(join(out, 'seed-bank', 'fr.md'), 'utf8');
    expect(md).toContain('Elle conserve désormais');
    const page = readFileSync(join(out, 'seed-bank', 'ar.html'), 'utf8');
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page).toContain('<link rel="alternate" hreflang="fr" href="https://static.example.org/statements/seed-bank/fr.html">');
    const json = JSON.parse(readFileSync(join(out, 'seed-bank', 'fr.json'), 'utf8')) as { edition: { hash: string } };
    const live = (await call('translator', 'GET', '/api/statements/seed-bank/editions')).body.editions.filter((e: { locale: string; withdrawnAt: string | null }) => e.locale === 'fr').at(-1);
    expect(json.edition.hash).toBe(live.hash);
    const sitemap = readFileSync(join(out, 'sitemap.xml'), 'utf8');
    expect(XMLValidator.validate(sitemap)).toBe(true);
    const urls = xml.parse(sitemap).urlset.url as { loc: string; 'xhtml:link': Record<string, string>[] }[];
    expect(urls.map((u) => u.loc).sort()).toEqual(['ar', 'en', 'fr'].map((l) => `https://static.example.org/statements/seed-bank/${l}.html`));
    expect(urls[0]!['xhtml:link'].map((l) => l['@_hreflang']).sort()).toEqual(['ar', 'en', 'fr']);
    expect(XMLValidator.validate(readFileSync(join(out, 'feeds', 'ar.rss'), 'utf8'))).toBe(true);
    // A withdrawal, then a new export: the withdrawn edition's files are gone.
    const arEdition = (await call('translator', 'GET', '/api/statements/seed-bank/editions')).body.editions.find((e: { locale: string }) => e.locale === 'ar');
    expect((await call('publisher', 'POST', `/api/statements/seed-bank/editions/${arEdition.id}/withdraw`, { reason: 'Wrong figures' })).status).toBe(200);
    expect((await runCliAsync(['export', out, '--base-url', 'https://static.example.org/statements'], { EDITIONS_DB: join(dir, 'e.db') })).status).toBe(0);
    expect(existsSync(join(out, 'seed-bank', 'ar.html'))).toBe(false);
    expect(existsSync(join(out, 'feeds', 'ar.rss'))).toBe(false);
    expect(existsSync(join(out, 'seed-bank', 'fr.html'))).toBe(true);
    expect((xml.parse(readFileSync(join(out, 'sitemap.xml'), 'utf8')).urlset.url as unknown[]).length).toBe(2);

    const bad = await runCliAsync(['export', out], { EDITIONS_DB: join(dir, 'e.db') });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--base-url');
  }, 60_000);
});
