/**
 * The DeepL provider: the real `deepl-node` client against a fake DeepL API on 127.0.0.1
 * (tests/support/fake-deepl.ts) speaking the same REST protocol, with faults injected.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDeepLProvider, type DeepLOptions } from '../../src/mt/deepl/deepl-provider.ts';
import { deeplTargetCode } from '../../src/mt/deepl/languages.ts';
import { startEngines } from '../../src/mt/engines.ts';
import { createProviderSet } from '../../src/mt/registry.ts';
import { ProviderError } from '../../src/mt/retry.ts';
import { resolveProvider } from '../../src/mt/routing.ts';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.ts';
import { providerContract } from './provider.contract.ts';

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.length = 0;
});

function provider(extra: Partial<DeepLOptions> = {}) {
  return createDeepLProvider({ authKey: fake.authKey, serverUrl: fake.url, formality: 'prefer_more', timeoutMs: 5000, ...extra });
}

const hello = [{ id: 'a', text: 'Hello' }];

providerContract({
  name: 'deepl (fake server)',
  pair: { source: 'en', target: 'fr' },
  rtlTarget: 'ar',
  unsupportedTarget: 'tlh',
  create: async () => provider(),
  injectTransientFailure: () => fake.faults.push({ status: 503 }),
});

describe('deepl provider', () => {
  it('sends the form DeepL expects: texts, languages, XML tag handling, formality, the key', async () => {
    const before = fake.requests.length;
    const [r] = await provider().translate({ sourceLocale: 'en', targetLocale: 'fr', segments: [{ id: 'a', text: 'Read <g id="1">the report</g> <x id="2"/> &amp; more' }] });
    const sent = fake.requests.slice(before).find((q) => q.path === '/v2/translate')!;
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
    expect(sent.headers.authorization).toBe(`DeepL-Auth-Key ${fake.authKey}`);
    expect(Object.fromEntries([...sent.params].map(([k, v]) => [k, v.length === 1 ? v[0] : v]))).toMatchObject({
      text: 'Read <g id="1">the report</g> <x id="2"/> &amp; more',
      source_lang: 'en',
      target_lang: 'fr',
      tag_handling: 'xml',
      non_splitting_tags: 'g,x',
      formality: 'prefer_more',
    });
    expect(r!.text).toBe('daeR <g id="1">eht troper</g> <x id="2"/> &amp; erom');
    expect(r!.billedCharacters).toBe(52);
    expect(r!.provenance).toMatchObject({ engine: 'deepl', model: 'v2' });
  });

  it('sends formality only where the target language has it', async () => {
    const before = fake.translateRequests().length;
    await provider().translate({ sourceLocale: 'en', targetLocale: 'ar', segments: hello });
    await provider({ formality: 'default' }).translate({ sourceLocale: 'en', targetLocale: 'de', segments: hello });
    await provider({ formality: 'more' }).translate({ sourceLocale: 'en', targetLocale: 'de', segments: hello });
    const sent = fake.translateRequests().slice(before);
    expect(sent.map((q) => q.params.get('formality')?.[0])).toEqual([undefined, undefined, 'more']);
  });

  it('maps locales to DeepL codes (English and Portuguese variants, Chinese scripts)', async () => {
    expect(['en', 'en-GB', 'pt', 'pt-BR', 'zh-Hant', 'zh-TW', 'zh', 'es-419', 'fr-CA', 'no'].map(deeplTargetCode)).toEqual(['en-US', 'en-GB', 'pt-PT', 'pt-BR', 'zh-HANT', 'zh-HANT', 'zh-HANS', 'es-419', 'fr', 'nb']);
    const before = fake.translateRequests().length;
    await provider().translate({ sourceLocale: 'fr', targetLocale: 'en', segments: hello });
    expect(fake.translateRequests()[before]!.params.get('target_lang')).toEqual(['en-US']);
  });

  it("takes the languages the account serves from DeepL's list once available", async () => {
    const p = provider();
    // Persian is not in DeepL's documented list, nor in the account's: not served.
    expect(p.supports('en', 'fa')).toBe(false);
    fake.targets.push({ language: 'FA', name: 'Persian', supports_formality: false });
    try {
      const fresh = provider();
      expect(await fresh.availability()).toEqual({ available: true });
      expect(fresh.supports('en', 'fa')).toBe(true);
      expect(fresh.supports('en', 'tlh')).toBe(false);
    } finally {
      fake.targets.pop();
    }
  });

  it('makes a DeepL glossary from the preferred terms, once, and a new one when they change', async () => {
    const p = provider();
    const terms = [
      { term: 'seed bank', target: 'banque de semences', doNotTranslate: false },
      { term: 'RSN', doNotTranslate: true },
    ];
    const request = { sourceLocale: 'en', targetLocale: 'fr', segments: [{ id: 'a', text: 'The <g id="1">seed bank</g> is open.' }], context: { terms } };
    const [first] = await p.translate(request);
    expect(first!.text).toBe('ehT <g id="1">banque de semences</g> si nepo.');
    expect(first!.provenance.model).toBe('v2+glossary');
    const made = [...fake.glossaries.values()];
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ source_lang: 'en', target_lang: 'fr', entry_count: 1, name: expect.stringMatching(/^editions en→fr [0-9a-f]{16}$/) });
    expect(fake.translateRequests().at(-1)!.params.get('glossary_id')).toEqual([made[0]!.glossary_id]);

    // The same entries again, even from another instance: the same glossary, none created.
    await p.translate(request);
    await provider().translate(request);
    expect([...fake.glossaries.keys()]).toEqual([made[0]!.glossary_id]);

    // Changed entries: a new glossary, the old one deleted.
    const changed = { ...request, context: { terms: [{ term: 'seed bank', target: 'grainothèque', doNotTranslate: false }] } };
    const [second] = await p.translate(changed);
    expect(second!.text).toBe('ehT <g id="1">grainothèque</g> si nepo.');
    expect([...fake.glossaries.values()].map((g) => g.entries.get('seed bank'))).toEqual(['grainothèque']);
  });

  it('makes no glossary for a pair DeepL allows none for, and translates anyway', async () => {
    const before = fake.glossaries.size;
    const [r] = await provider().translate({ sourceLocale: 'en', targetLocale: 'ar', segments: hello, context: { terms: [{ term: 'Hello', target: 'مرحبا', doNotTranslate: false }] } });
    expect(fake.glossaries.size).toBe(before);
    expect(r!.provenance.model).toBe('v2');
    expect(fake.translateRequests().at(-1)!.params.has('glossary_id')).toBe(false);
  });

  it('finds the glossary again when another instance deleted it (a transient failure, then success)', async () => {
    const p = provider();
    const request = { sourceLocale: 'en', targetLocale: 'de', segments: hello, context: { terms: [{ term: 'Hello', target: 'Hallo', doNotTranslate: false }] } };
    await p.translate(request);
    fake.glossaries.clear();
    const error = await p.translate(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ transient: true, status: 404 });
    const [r] = await p.translate(request);
    expect(r!.text).toBe('Hallo');
  });

  it.each([
    [{ status: 429, headers: { 'retry-after': '7' } }, { transient: true, status: 429 }],
    [{ status: 500 }, { transient: true, status: 500 }],
    [{ status: 503 }, { transient: true, status: 503 }],
    [{ status: 456 }, { transient: false, status: 456, message: expect.stringMatching(/deepl: 456 quota exceeded/) }],
    [{ status: 400 }, { transient: false, status: 400 }],
    [{ status: 403 }, { transient: false, status: 403 }],
    ['malformed-json', { transient: true }],
    ['truncated-json', { transient: true }],
    ['missing-translation', { transient: true }],
  ] as const)('classifies %j', async (fault, expected) => {
    fake.faults.push(fault);
    const error = await provider().translate({ sourceLocale: 'en', targetLocale: 'fr', segments: [...hello, { id: 'b', text: 'World' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject(expected);
  });

  it('gives up on a hanging answer after its timeout, as a transient failure', async () => {
    fake.faults.push('hang');
    const started = Date.now();
    const error = await provider({ timeoutMs: 300 }).translate({ sourceLocale: 'en', targetLocale: 'fr', segments: hello }).catch((e: unknown) => e);
    expect(error).toMatchObject({ transient: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads the usage back', async () => {
    fake.usage.count = 1234;
    expect(await provider().usage()).toEqual({ unit: 'characters', used: 1234, limit: 500_000 });
  });

  it('says in the start-up log what DeepL serves and how much of the period it has used', async () => {
    fake.usage.count = 123_456;
    const engines = await startEngines(loadConfig({ DEEPL_AUTH_KEY: fake.authKey, EDITIONS_DEEPL_SERVER_URL: fake.url, EDITIONS_APERTIUM: 'off' }));
    try {
      expect(await engines.describe()).toContain('deepl: en → every language it serves (123,456 of 500,000 characters used this billing period)');
    } finally {
      await engines.stop();
    }
    const without = await startEngines(loadConfig({ EDITIONS_APERTIUM: 'off' }));
    expect(await without.describe()).toContain('deepl: unavailable (no DeepL key (set DEEPL_AUTH_KEY))');
  });

  it('is unavailable without a key, and never calls the client then; unavailable when DeepL refuses the key', async () => {
    const before = fake.requests.length;
    const none = provider({ authKey: undefined });
    expect(await none.availability()).toEqual({ available: false, reason: 'no DeepL key (set DEEPL_AUTH_KEY)' });
    await expect(none.translate({ sourceLocale: 'en', targetLocale: 'fr', segments: hello })).rejects.toMatchObject({ transient: false });
    expect(fake.requests.length).toBe(before);
    const wrong = provider({ authKey: 'wrong-key' });
    expect(await wrong.availability()).toEqual({ available: false, reason: 'DeepL refused the key (403)' });
  });

  it('is configured from the environment and routed per locale (ar=deepl|google)', async () => {
    const config = loadConfig({ DEEPL_AUTH_KEY: fake.authKey, EDITIONS_DEEPL_SERVER_URL: fake.url, EDITIONS_MT_ROUTES: 'ar=deepl|google,fa=deepl|none' });
    expect(config.deepl).toMatchObject({ authKey: fake.authKey, serverUrl: fake.url, formality: 'prefer_more' });
    const providers = createProviderSet(config);
    expect((await resolveProvider(providers, config.routes, 'en', 'ar')).provider?.id).toBe('deepl');
    const fa = await resolveProvider(providers, config.routes, 'en', 'fa');
    expect(fa.provider).toBeNull();
    expect(fa.notes).toEqual(['deepl: does not serve en→fa']);
    expect(() => loadConfig({ EDITIONS_DEEPL_FORMALITY: 'polite' })).toThrow(/EDITIONS_DEEPL_FORMALITY/);
    const without = createProviderSet(loadConfig({ EDITIONS_MT_ROUTES: 'ar=deepl|google' }));
    expect((await resolveProvider(without, parseRoutesOf('ar=deepl|google'), 'en', 'ar')).notes[0]).toBe('deepl: no DeepL key (set DEEPL_AUTH_KEY)');
  });
});

function parseRoutesOf(text: string) {
  return loadConfig({ EDITIONS_MT_ROUTES: text }).routes;
}
