/**
 * Which engine serves which locale, as people see it: the start-up log names the default order
 * (with no routes configured) including DeepL when it is configured, and the translate page
 * says, per locale, which engine a draft request would use — the same answer the draft job
 * gets — or that no engine serves it and people translate. Over HTTP against the service on
 * 127.0.0.1 with a real SQLite file and a fake DeepL API on 127.0.0.1.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.ts';
import { signInToPages } from '../support/page-session.ts';
import { useService } from '../support/use-service.ts';

let deepl: FakeDeepL;
let session: string;
beforeAll(async () => {
  deepl = await startFakeDeepL();
});
const service = useService({
  users: { translator: [{ role: 'translator', locale: '*' }], publisher: [{ role: 'publisher', locale: '*' }] },
  env: (dir) => ({ GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'no-google-key.json'), DEEPL_AUTH_KEY: deepl.authKey, EDITIONS_DEEPL_SERVER_URL: deepl.url }),
});
const { call, tokens } = service;

beforeAll(async () => {
  session = await signInToPages(service.url, tokens.translator!);
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'wells', sourceLocale: 'en', markdown: '# Wells\n\nWe dug wells.\n' })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await deepl?.close();
});

const page = async (locale: string, language = 'en') => {
  const res = await fetch(`${service.url}/statements/wells/translate/${locale}`, { headers: { cookie: `editions_session=${session}`, 'accept-language': language } });
  expect(res.status).toBe(200);
  return res.text();
};
const engineOf = (html: string) => /class="default-engine" data-engine="([^"]+)"/.exec(html)?.[1];

describe('which engine serves which locale', () => {
  it('the start-up log names the default order with DeepL in it, not a fixed apertium/google sentence', () => {
    expect(service.server.output()).toContain('routes: none configured: deepl where it serves the pair, else people');
    expect(service.server.output()).not.toContain('else google, else people');
  });

  it('the translate page names the engine for a locale DeepL serves, and "people translate" for one no engine serves', async () => {
    const ar = await page('ar');
    expect(engineOf(ar)).toBe('deepl');
    expect(ar).toContain('Drafts for ar come from DeepL (API v2) unless you choose another engine.');
    const fa = await page('fa');
    expect(engineOf(fa)).toBe('none');
    expect(fa).toContain('No engine serves fa: people translate');
    expect(await page('fa', 'fr')).toContain('Aucun moteur ne traduit vers fa');
  });

  it('says what the draft job then uses: the same routing', async () => {
    const res = await call('translator', 'POST', '/api/statements/wells/drafts', { locales: ['ar', 'fa'] });
    expect(res.status, res.text).toBe(202);
    const job = await call('translator', 'GET', `/api/jobs/${res.body.jobId ?? res.body.id}`);
    expect(job.status, job.text).toBe(200);
    const progress = job.body.progress as Record<string, { provider: string | null }>;
    expect(progress.ar!.provider).toBe(engineOf(await page('ar')));
    expect(progress.fa!.provider ?? 'none').toBe(engineOf(await page('fa')));
  });
});
