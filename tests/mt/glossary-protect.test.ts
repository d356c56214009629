import { describe, expect, it } from 'vitest';
import { xmlCodec } from '../../src/markdown/placeholder-codec.ts';
import { protectTerms, restoreTerms } from '../../src/mt/glossary-protect.ts';

describe('glossary protection', () => {
  const tokens = xmlCodec.decode('The RSN and the <g id="1">RSN-East</g> network, not RSNs; CASA too.').tokens;

  it('turns do-not-translate terms into placeholders, whole words only, longest first', () => {
    const p = protectTerms(tokens, ['RSN', 'CASA', 'RSN-East']);
    expect(xmlCodec.encode(p.tokens)).toBe('The <x id="900"/> and the <g id="1"><x id="901"/></g> network, not RSNs; <x id="902"/> too.');
    expect([...p.terms.values()]).toEqual(['RSN', 'RSN-East', 'CASA']);
  });

  it('puts them back, wherever the engine moved them, and reports the ones it lost', () => {
    const p = protectTerms(tokens, ['RSN', 'CASA']);
    // A term inside a hyphenated word is protected too (RSN-East, RSN-led).
    expect(xmlCodec.encode(p.tokens)).toBe('The <x id="900"/> and the <g id="1"><x id="901"/>-East</g> network, not RSNs; <x id="902"/> too.');
    const answer = xmlCodec.decode('<x id="902"/> aussi; le <x id="900"/> et le <g id="1"><x id="901"/>-Est</g>.').tokens;
    const restored = restoreTerms(answer, p.terms);
    expect(xmlCodec.encode(restored.tokens)).toBe('CASA aussi; le RSN et le <g id="1">RSN-Est</g>.');
    expect(restored.lost).toEqual([]);
    expect(restoreTerms(xmlCodec.decode('le réseau').tokens, p.terms).lost).toEqual([900, 901, 902]);
  });
});
