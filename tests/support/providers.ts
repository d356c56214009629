/** Provider sets for tests. */
import type { MachineTranslationProvider } from '../../src/mt/provider.ts';
import type { ProviderSet } from '../../src/mt/routing.ts';

export function providerSet(...providers: MachineTranslationProvider[]): ProviderSet {
  const byId = new Map(providers.map((p) => [p.id, p]));
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
}
