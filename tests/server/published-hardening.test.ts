/**
 * The readers' routes hardened (a real server on 127.0.0.1, both databases): a correction's
 * replaced texts stay out of the public JSON (served and exported), a language part over the
 * tag bound is refused before it is parsed, If-None-Match compares weakly (W/, lists, `*`) on
 * editions and feeds, refusals are not kept by shared caches and vary by Accept and
 * Accept-Language, the 404 page's Content-Language is a language tag, and a shared cache may
 * serve a withdrawn edition at most 60 s past its freshness.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { publish } from '../../src/operations/publish.ts';
import { listEditions } from '../../src/operations/read-statements.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { exportStatic } from '../../src/operations/static-export.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { FeedCache } from '../../server/feed-cache.ts';
import { errorResponse } from '../../server/middleware/errors.ts';
import { publicHeaders, withPublicHeaders } from '../../server/public-headers.ts';
import { feedRoutes } from '../../server/routes/feeds.ts';
import { dialects } from '../support/dialects.ts';
import { create } from '../support/flow.ts';
import { usePublishedServer } from '../support/published-server.ts';
import { useWorld, type World } from '../support/world.ts';

const start = usePublishedServer();

let feedServer: ServerType | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  feedServer = undefined;
});

/** The feeds alone, as server/app.ts mounts them, on 127.0.0.1. */
function startFeeds(w: World): Promise<string> {
  const config = loadConfig({ EDITIONS_PUBLIC_URL: 'https://news.example.org' });
  const app = new Hono().route('/feeds', feedRoutes(new FeedCache(w.ctx), config));
  app.onError((error, c) => withPublicHeaders(c, errorResponse(error, c), publicHeaders(config.publicFrameAncestors)));
  return new Promise((resolve) => {
    feedServer = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
  });
}

const defamatory = '# The council\n\nThe mayor took a bribe.\n\nThe council met on Monday.\n';
const corrected = '# The council\n\nThe mayor answered questions.\n\nThe council met on Monday.\n';

describe.each(dialects)('readers’ routes, hardened ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('keep a correction’s replaced texts out of the public JSON, served and exported; /api keeps them', async () => {
    const w = world();
    await create(w, 'council', defamatory);
    const first = (await publish(w.ctx, w.publisher, { slug: 'council', locales: ['en'] })).editions[0]!;
    await reviseSource(w.ctx, w.publisher, { slug: 'council', markdown: corrected, expectedRevision: 1 });
    await publish(w.ctx, w.publisher, { slug: 'council', locales: ['en'], correctionNote: 'A sentence removed.' });
    await withdrawEdition(w.ctx, w.publisher, { slug: 'council', editionId: first.id, reason: 'Defamatory' });

    const url = await start(w);
    const res = await fetch(`${url}/published/council/en.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('bribe');
    const body = JSON.parse(text) as { edition: { correction: Record<string, unknown> } };
    expect(body.edition.correction).toEqual({ supersedes: first.id, at: expect.any(String), note: 'A sentence removed.', changedSegments: 1 });

    const dir = mkdtempSync(join(tmpdir(), 'editions-pubfix-'));
    try {
      await exportStatic(w.ctx, join(dir, 'site'), 'https://news.example.org');
      const exported = readFileSync(join(dir, 'site', 'council', 'en.json'), 'utf8');
      expect(exported).not.toContain('bribe');
      expect((JSON.parse(exported) as { edition: { correction: Record<string, unknown> } }).edition.correction).toEqual(body.edition.correction);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Signed-in people (the API's list of editions) still see what changed.
    const listed = await listEditions(w.ctx, 'council');
    expect(JSON.stringify(listed.find((e) => e.id !== first.id)?.correction)).toContain('The mayor took a bribe.');
  });

  it('refuse a language part over 100 characters before parsing it (editions and feeds)', async () => {
    const w = world();
    await create(w);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] });
    const url = await start(w);
    // A valid BCP 47 tag of about 15 KB (private-use subtags of 8 characters).
    const long = `en-x-${Array.from({ length: 1700 }, (_, i) => `a${String(i).padStart(7, '0')}`).join('-')}`;
    for (const path of [`/published/seed-bank/${long}.json`, `/published/seed-bank/${long}`]) {
      const res = await fetch(`${url}${path}`, { headers: { 'accept-language': 'fr' } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('locale_invalid');
      expect(body.error.message.length).toBeLessThan(200);
      expect(body.error.message).toContain('BCP 47');
    }
    const feeds = await startFeeds(w);
    const feed = await fetch(`${feeds}/feeds/${long}.rss`);
    expect(feed.status).toBe(400);
    expect(((await feed.json()) as { error: { code: string } }).error.code).toBe('locale_invalid');
    // At the bound: parsed (a valid tag, no edition).
    const atBound = ['en', 'x', ...Array<string>(10).fill('abcdefgh'), 'abcde'].join('-');
    expect(atBound).toHaveLength(100);
    expect((await fetch(`${url}/published/seed-bank/${atBound}.json`)).status).toBe(404);
    expect((await fetch(`${url}/published/seed-bank/${atBound}f.json`)).status).toBe(400);
  });

  it('answer If-None-Match weakly: W/, a list, or *; on editions and feeds', async () => {
    const w = world();
    await create(w);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] });
    const url = await start(w);
    const feeds = await startFeeds(w);
    for (const path of [`${url}/published/seed-bank/en.json`, `${url}/published/seed-bank/en`, `${feeds}/feeds/en.atom`]) {
      const res = await fetch(path);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const etag = res.headers.get('etag')!;
      for (const inm of [etag, `W/${etag}`, `"other", W/${etag}`, '*', ` "x" ,${etag}`]) {
        const again = await fetch(path, { headers: { 'if-none-match': inm } });
        expect(again.status, `${path} If-None-Match: ${inm}`).toBe(304);
        expect(again.headers.get('etag')).toBe(etag);
      }
      for (const inm of ['"other"', 'W/"other"', `${etag.slice(0, -2)}"`]) {
        expect((await fetch(path, { headers: { 'if-none-match': inm } })).status, `${path} If-None-Match: ${inm}`).toBe(200);
      }
    }
    // `*` matches only a representation that exists.
    expect((await fetch(`${url}/published/seed-bank/de.json`, { headers: { 'if-none-match': '*' } })).status).toBe(404);
  });

  it('send refusals with Cache-Control: no-store and Vary: Accept, Accept-Language; a 404 page’s language is a tag', async () => {
    const w = world();
    await create(w);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] });
    const url = await start(w);
    for (const [path, accept, status] of [
      ['/published/seed-bank/de.json', 'application/json', 404],
      ['/published/nothing-here/en.md', '*/*', 404],
      ['/published/nothing-here', 'application/json', 404],
      ['/published/seed-bank/de.html', 'text/html', 404],
      ['/published/nothing-here', 'text/html', 404],
      ['/published/seed-bank/fr%0A.json', 'application/json', 400],
    ] as const) {
      const res = await fetch(`${url}${path}`, { headers: { accept, 'accept-language': 'fr' } });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('vary'), path).toBe('Accept, Accept-Language');
      await res.arrayBuffer();
    }
    // Any token may come in Accept-Language: only a valid language tag is echoed.
    const token = `x${'y'.repeat(5000)}`;
    const page = await fetch(`${url}/published/nothing-here`, { headers: { accept: 'text/html', 'accept-language': `${token}, es;q=0.5` } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-language')).toBe('es');
    expect(await page.text()).not.toContain('yyyy');
    const none = await fetch(`${url}/published/nothing-here`, { headers: { accept: 'text/html', 'accept-language': `${token}` } });
    expect(none.headers.get('content-language')).toBe('en');
    await none.arrayBuffer();
  });

  it('let a shared cache serve a published answer at most 60 s past its freshness', async () => {
    const w = world();
    await create(w);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en'] });
    const url = await start(w);
    for (const path of ['/published/seed-bank/en.json', '/published/seed-bank']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=60');
      await res.arrayBuffer();
    }
  });
});
