/** The Apertium provider against a real APy server on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApertiumProvider } from '../../src/mt/apertium/apertium-provider.ts';
import { apertiumAvailable, useApy } from '../support/apy.ts';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.ts';
import { providerContract } from './provider.contract.ts';

describe.skipIf(!apertiumAvailable)('apertium (real APy)', () => {
  const apyUrl = useApy();
  let proxy: FlakyProxy;
  beforeAll(async () => {
    proxy = await startFlakyProxy(apyUrl);
  });
  afterAll(() => proxy.close());

  providerContract({
    name: 'apertium',
    pair: { source: 'en', target: 'es' },
    unsupportedTarget: 'ar',
    create: async () => {
      const p = createApertiumProvider({ url: proxy.url, timeoutMs: 30_000 });
      await p.availability();
      return p;
    },
    injectTransientFailure: () => proxy.failNext(),
  });

  it('serves the English-source pairs Debian has', async () => {
    const p = createApertiumProvider({ url: apyUrl(), timeoutMs: 30_000 });
    expect(await p.availability()).toEqual({ available: true });
    for (const target of ['es', 'ca', 'gl', 'eo', 'hr', 'sr', 'bs']) expect(p.supports('en', target), target).toBe(true);
    expect(p.supports('en', 'fr')).toBe(false);
  });

  it('moves inline markup with its words and keeps hashtags and markup characters', async () => {
    const p = createApertiumProvider({ url: apyUrl(), timeoutMs: 30_000 });
    await p.availability();
    const [red, tags] = await p.translate({
      sourceLocale: 'en',
      targetLocale: 'es',
      segments: [
        { id: 'a', text: 'The <g id="1">red</g> house is <g id="2">very big</g>.' },
        { id: 'b', text: 'Join us with #SeedsForAll and @rsn_network, *not* a 5 &lt; 6 &amp; list.' },
      ],
    });
    expect(red!.text).toBe('La casa <g id="1">roja</g> es <g id="2">muy grande</g>.');
    expect(tags!.text).toContain('#SeedsForAll');
    expect(tags!.text).toContain('@rsn_network');
    expect(tags!.text).toContain('*');
    expect(tags!.text).toContain('5 &lt; 6 &amp;');
    expect(red!.provenance).toMatchObject({ engine: 'apertium', model: 'eng|spa' });
  });

  it('is unavailable when no APy answers', async () => {
    const p = createApertiumProvider({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
    expect(await p.availability()).toMatchObject({ available: false });
    expect(p.supports('en', 'es')).toBe(false);
  });
});
