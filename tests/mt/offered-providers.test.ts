/** The translate page's engine menu (issue 16): only engines configured for the locale; `pseudo` only in development. */
import { describe, expect, it } from 'vitest';
import type { MachineTranslationProvider } from '../../src/mt/provider.ts';
import { offeredProviders, parseRoutes, type ProviderSet } from '../../src/mt/routing.ts';

function fake(id: string, options: { development?: boolean; available?: boolean; targets?: string[] } = {}): MachineTranslationProvider {
  return {
    id,
    label: id,
    development: options.development ?? false,
    availability: async () => (options.available === false ? { available: false, reason: 'no key' } : { available: true }),
    supports: (_source: string, target: string) => !options.targets || options.targets.includes(target),
  } as unknown as MachineTranslationProvider;
}

const list = [fake('pseudo', { development: true }), fake('apertium', { targets: ['es', 'ca'] }), fake('google'), fake('deepl', { available: false })];
const providers: ProviderSet = { get: (id) => list.find((p) => p.id === id), all: () => list };
const ids = async (routes: string, target: string, development = false) => (await offeredProviders(providers, parseRoutes(routes), 'en', target, { development })).map((p) => p.id);

describe('engines offered for a locale', () => {
  it('the route\'s engines that are available and serve the pair, in order; never pseudo outside development', async () => {
    expect(await ids('es=apertium|google,ar=google,fr=none', 'es')).toEqual(['apertium', 'google']);
    expect(await ids('es=apertium|google,ar=google,fr=none', 'ar')).toEqual(['google']);
    expect(await ids('es=apertium|google,ar=google,fr=none', 'fr')).toEqual([]);
    expect(await ids('*=deepl|pseudo|google', 'de')).toEqual(['google']);
    // No routes: every real engine that serves the pair (Apertium first).
    expect(await ids('', 'es')).toEqual(['apertium', 'google']);
    expect(await ids('', 'ar')).toEqual(['google']);
  });

  it('pseudo in development only', async () => {
    expect(await ids('ar=google', 'ar', true)).toEqual(['google', 'pseudo']);
    expect(await ids('fr=none', 'fr', true)).toEqual(['pseudo']);
  });
});
