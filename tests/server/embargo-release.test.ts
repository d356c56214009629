/**
 * A coordinated release under embargo, through the whole app (createApp) with Hono's
 * app.request() and the context's clock (w.at; no server process, no sleep): every locale's
 * edition and the feed appear at the embargo's instant, together, and none a millisecond
 * before, though the readers' caches had kept "nothing live" (the embargo ends what they keep).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { publish } from '../../src/operations/publish.ts';
import { createApp } from '../../server/app.ts';
import { sqlite } from '../support/dialects.ts';
import { approveLocale, create } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

describe('an embargoed release through the app', () => {
  const world = useWorld(sqlite);

  it('releases several locales together at the embargo time, none before', async () => {
    const w = world();
    await create(w);
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await approveLocale(w, 'seed-bank', 'ar', w.translatorAr, w.reviewerAr);
    const providers = providerSetOf([]);
    const app = createApp(loadConfig({ EDITIONS_APERTIUM: 'off', EDITIONS_PUBLIC_URL: 'https://news.example.org' }), { ctx: w.ctx, providers, runner: new DraftRunner(w.ctx, providers) });
    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, link: res.headers.get('link'), text: await res.text() };
    };

    const embargo = '2026-05-01T12:00:00.000Z';
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en', 'fr', 'ar'], embargoUntil: embargo });
    for (const l of ['en', 'fr', 'ar']) expect((await get(`/published/seed-bank/${l}.md`)).status).toBe(404);
    expect((await get('/feeds/fr.atom')).text).not.toContain('seed-bank');

    // A millisecond before (the caches read "nothing live" above, an hour and more earlier, and kept it).
    w.at('2026-05-01T11:59:59.999Z');
    expect((await get('/published/seed-bank/fr.md')).status).toBe(404);
    expect((await get('/feeds/fr.atom')).text).not.toContain('seed-bank');

    w.at(embargo);
    const first = await get('/published/seed-bank/fr.md');
    expect(first.status).toBe(200);
    // One answer names every locale: they appeared together.
    expect(first.link).toBe(['ar', 'en', 'fr'].map((l) => `</published/seed-bank/${l}>; rel="alternate"; hreflang="${l}"`).join(', '));
    for (const l of ['en', 'ar']) expect((await get(`/published/seed-bank/${l}.md`)).status).toBe(200);
    expect((await get('/feeds/fr.atom')).text).toContain('seed-bank');
  });
});
