import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { providerContract } from './provider.contract.ts';

providerContract({
  name: 'pseudo',
  pair: { source: 'en', target: 'fr' },
  rtlTarget: 'ar',
  unsupportedTarget: 'en',
  create: async () => createPseudoProvider(),
});
