/**
 * Readers' pages over HTTP (a real server on 127.0.0.1, both databases): the whole page of an
 * edition with its alternates and switcher, its ETag changing when another edition goes live,
 * the reader's 404 page in HTML when HTML was asked for (JSON otherwise), reviewers by role in
 * the public JSON, and GET /published/{slug} falling back to the source language.
 */
import { describe, expect, it } from 'vitest';
import { publish } from '../../src/operations/publish.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, create } from '../support/flow.ts';
import { usePublishedServer } from '../support/published-server.ts';
import { useWorld } from '../support/world.ts';

const start = usePublishedServer();

describe.each(dialects)('readers’ pages over HTTP ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('serve a whole page, whose ETag follows the set of live editions', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en', 'fr'] });
    const url = await start(w);
    const res = await fetch(`${url}/published/seed-bank/fr.html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="fr" dir="ltr"><head><meta charset="utf-8">/);
    expect(html).toContain('<link rel="canonical" href="https://news.example.org/published/seed-bank/fr.html">');
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="https://news.example.org/published/seed-bank/en.html">');
    expect(html).toContain('<meta property="og:title"');
    expect(html).toContain('<a href="https://news.example.org/published/seed-bank/en.html" hreflang="en" lang="en" dir="ltr">English</a>');
    expect(html).toContain('<footer class="edition-provenance">');
    expect(res.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-/);
    const etag = res.headers.get('etag')!;
    expect((await fetch(`${url}/published/seed-bank/fr.html`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    await approveLocale(w, 'seed-bank', 'ar', w.translatorAr, w.reviewerAr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['ar'] });
    // Past the cache's time limit (1 s, on the context's clock).
    w.at('2026-05-01T09:00:05.000Z');
    const again = await fetch(`${url}/published/seed-bank/fr.html`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('hreflang="ar"');
  });

  it('answer a missing edition with a reader’s page offering the editions that exist, and keep reviewers’ names private', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en', 'fr'] });
    const url = await start(w);
    const missing = await fetch(`${url}/published/seed-bank/es.html`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await missing.text();
    expect(page).toContain('<h1>Edición no encontrada</h1>');
    expect(page).toContain('href="https://news.example.org/published/seed-bank/fr.html"');
    const byAccept = await fetch(`${url}/published/nothing-here`, { headers: { accept: 'text/html', 'accept-language': 'fr' } });
    expect(byAccept.status).toBe(404);
    expect(await byAccept.text()).toContain('Aucune déclaration n’est publiée à cette adresse.');
    const json = await fetch(`${url}/published/seed-bank/es.json`);
    expect([json.status, ((await json.json()) as { error: { code: string } }).error.code]).toEqual([404, 'edition_not_found']);

    const edition = (await (await fetch(`${url}/published/seed-bank/fr.json`)).json()) as { provenance: { reviewers: string[]; reviewerCount?: number } };
    expect(edition.provenance).toMatchObject({ reviewers: [], reviewerCount: 1 });
    expect(await (await fetch(`${url}/published/seed-bank/fr.html`)).text()).not.toContain('Rémi');
    // A reader asking for a language with no edition gets the source's.
    const fallback = await fetch(`${url}/published/seed-bank`, { headers: { 'accept-language': 'en-GB', accept: 'text/markdown' } });
    expect(fallback.headers.get('content-location')).toBe('/published/seed-bank/en');
  });

  it('show reviewers by name when the site says so', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] });
    const url = await start(w, { EDITIONS_REVIEWER_DISPLAY: 'name' });
    expect(await (await fetch(`${url}/published/seed-bank/fr.html`)).text()).toContain('Rémi Relecteur');
  });
});
