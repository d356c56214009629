/** The providers this build knows, by id. Real engines join in the machine-drafts work. */
import { DomainError } from '../errors.ts';
import type { MachineTranslationProvider } from './provider.ts';
import { createPseudoProvider } from './pseudo.ts';

const factories: Record<string, () => MachineTranslationProvider> = {
  pseudo: createPseudoProvider,
};

export function providerIds(): string[] {
  return Object.keys(factories);
}

export function createProvider(id: string): MachineTranslationProvider {
  const factory = factories[id];
  if (!factory) {
    throw new DomainError('provider_unknown', `Unknown provider ${JSON.stringify(id)}; known: ${providerIds().join(', ')}`, { provider: id, known: providerIds() });
  }
  return factory();
}
