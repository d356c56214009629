import { describe, expect, it } from 'vitest';
import type { MachineTranslationProvider } from '../../src/mt/provider.ts';
import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes, resolveProvider } from '../../src/mt/routing.ts';

function engine(id: string, available: boolean, serves: string[]): MachineTranslationProvider {
  return {
    ...createPseudoProvider(),
    id,
    development: false,
    availability: async () => (available ? { available: true } : { available: false, reason: `${id} is down` }),
    supports: (_s, t) => serves.includes(t),
  };
}

describe('routing', () => {
  const providers = providerSetOf([createPseudoProvider(), engine('apertium', true, ['es', 'ca']), engine('google', true, ['es', 'fr', 'ar', 'pt-BR'])]);

  it('takes the first available provider of the locale, its language, or *', async () => {
    const routes = parseRoutes('es=apertium|google,pt=google,*=none');
    expect((await resolveProvider(providers, routes, 'en', 'es')).provider?.id).toBe('apertium');
    expect((await resolveProvider(providers, routes, 'en', 'pt-BR')).provider?.id).toBe('google');
    const none = await resolveProvider(providers, routes, 'en', 'fr');
    expect(none.provider).toBeNull();
  });

  it('falls back when the first is unavailable or does not serve the pair', async () => {
    const down = providerSetOf([engine('apertium', false, ['es']), engine('google', true, ['es', 'fr'])]);
    const r = await resolveProvider(down, parseRoutes('es=apertium|google'), 'en', 'es');
    expect(r.provider?.id).toBe('google');
    expect(r.notes).toEqual(['apertium: apertium is down']);
    expect((await resolveProvider(providers, parseRoutes('fr=apertium|google'), 'en', 'fr')).notes).toEqual(['apertium: does not serve en→fr']);
  });

  it('never routes to pseudo, and uses it only when asked for by name', async () => {
    const r = await resolveProvider(providers, parseRoutes('*=pseudo'), 'en', 'sw');
    expect(r.provider).toBeNull();
    expect(r.notes).toEqual(['pseudo: development only']);
    expect((await resolveProvider(providers, parseRoutes('*=none'), 'en', 'sw', 'pseudo')).provider?.id).toBe('pseudo');
  });

  it('without routes: Apertium where it serves the pair, else Google', async () => {
    expect((await resolveProvider(providers, parseRoutes(''), 'en', 'ca')).provider?.id).toBe('apertium');
    expect((await resolveProvider(providers, parseRoutes(''), 'en', 'ar')).provider?.id).toBe('google');
  });

  it('refuses a named provider that is unknown, unavailable or does not serve the pair', async () => {
    await expect(resolveProvider(providers, parseRoutes(''), 'en', 'fr', 'deepl')).rejects.toMatchObject({ code: 'provider_unknown' });
    await expect(resolveProvider(providerSetOf([engine('google', false, ['fr'])]), parseRoutes(''), 'en', 'fr', 'google')).rejects.toMatchObject({ code: 'provider_unavailable' });
    await expect(resolveProvider(providers, parseRoutes(''), 'en', 'fr', 'apertium')).rejects.toMatchObject({ code: 'provider_unsupported_pair' });
  });
});
