/** The providers this configuration offers, by id. Real engines join in the machine-drafts work. */
import type { Config } from '../config.ts';
import type { MachineTranslationProvider } from './provider.ts';
import { createPseudoProvider } from './pseudo.ts';
import type { ProviderSet } from './routing.ts';

export function createProviderSet(_config: Config): ProviderSet {
  const providers: MachineTranslationProvider[] = [createPseudoProvider()];
  const byId = new Map(providers.map((p) => [p.id, p]));
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
}
