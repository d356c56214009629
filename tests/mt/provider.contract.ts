/**
 * The contract every machine-translation provider passes. Each provider's suite calls
 * `providerContract` with a harness that builds it (against a real engine, or the fake
 * Google server) and, where the transport allows it, injects a transient failure.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { xmlCodec } from '../../src/markdown/placeholder-codec.ts';
import { segmentMarkdown } from '../../src/markdown/index.ts';
import { validatePlaceholders } from '../../src/markdown/validate-placeholders.ts';
import type { MachineTranslationProvider } from '../../src/mt/provider.ts';
import { ProviderError, withRetry } from '../../src/mt/retry.ts';

export interface ProviderHarness {
  name: string;
  /** A pair the provider serves, and its RTL target when it serves one. */
  pair: { source: string; target: string };
  rtlTarget?: string;
  unsupportedTarget: string;
  create(): Promise<MachineTranslationProvider>;
  /** Makes the next request fail as a transient error would (503, 429, timeout). */
  injectTransientFailure?: () => void;
}

const sample = `# The *new* seed bank

The Regional Seed Network (**RSN**) opened [its *third* depot](https://example.org/depot) on 3 April 2026, with \`REF-7\` and ![a photo](p.jpg).

- Volunteers sorted 12,500 samples.
- Read [the report][r] before Friday.

[r]: https://example.org/report
`;

export function providerContract(harness: ProviderHarness): void {
  describe(`provider contract: ${harness.name}`, () => {
    const doc = segmentMarkdown(sample);
    const request = doc.segments.map(({ id, text }) => ({ id, text }));
    const placeholders = new Map(doc.segments.map((s) => [s.id, s.placeholders]));

    it('translates a batch: every segment back, in order, placeholders once each and nested', async () => {
      const provider = await harness.create();
      expect(await provider.availability()).toEqual({ available: true });
      expect(provider.supports(harness.pair.source, harness.pair.target)).toBe(true);
      const results = await provider.translate({ sourceLocale: harness.pair.source, targetLocale: harness.pair.target, segments: request });
      expect(results.map((r) => r.id)).toEqual(request.map((r) => r.id));
      for (const r of results) {
        const { tokens, problems } = xmlCodec.decode(r.text);
        expect(problems, r.text).toEqual([]);
        expect(validatePlaceholders(tokens, placeholders.get(r.id)!), r.text).toEqual([]);
        expect(r.text).not.toBe(request.find((q) => q.id === r.id)!.text);
        expect(r.provenance.engine).toBe(provider.id);
        expect(r.provenance.model).not.toBe('');
        expect(Number.isNaN(Date.parse(r.provenance.at))).toBe(false);
        expect(r.billedCharacters).toBeGreaterThanOrEqual(0);
      }
    });

    it('returns an empty segment empty and a very long one whole', async () => {
      const provider = await harness.create();
      const long = Array.from({ length: 120 }, (_, i) => `Sentence ${i + 1} of a very long paragraph about the ${i === 0 ? '<g id="1">seed</g>' : 'seed'} depot.`).join(' ');
      const results = await provider.translate({
        sourceLocale: harness.pair.source,
        targetLocale: harness.pair.target,
        segments: [{ id: 'empty', text: '' }, { id: 'long', text: long }],
      });
      expect(results.map((r) => r.id)).toEqual(['empty', 'long']);
      expect(results[0]!.text).toBe('');
      const { tokens } = xmlCodec.decode(results[1]!.text);
      expect(validatePlaceholders(tokens, [{ id: 1, kind: 'emphasis', paired: true }])).toEqual([]);
      // Every sentence comes back: the numbers 1…120 are all there.
      for (let i = 1; i <= 120; i++) expect(results[1]!.text).toMatch(new RegExp(`(^|\\D)${i}(\\D|$)`));
    });

    if (harness.rtlTarget) {
      const rtl = harness.rtlTarget;
      it(`translates into a right-to-left language (${rtl})`, async () => {
        const provider = await harness.create();
        const results = await provider.translate({ sourceLocale: harness.pair.source, targetLocale: rtl, segments: request });
        expect(results).toHaveLength(request.length);
        for (const r of results) expect(validatePlaceholders(xmlCodec.decode(r.text).tokens, placeholders.get(r.id)!)).toEqual([]);
      });
    }

    it('refuses a pair it does not serve with a typed error', async () => {
      const provider = await harness.create();
      expect(provider.supports(harness.pair.source, harness.unsupportedTarget)).toBe(false);
      const error = await provider.translate({ sourceLocale: harness.pair.source, targetLocale: harness.unsupportedTarget, segments: request }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('provider_unsupported_pair');
    });

    if (harness.injectTransientFailure) {
      const inject = harness.injectTransientFailure;
      it('reports a transient failure as transient, and succeeds when retried', async () => {
        const provider = await harness.create();
        inject();
        const call = () => provider.translate({ sourceLocale: harness.pair.source, targetLocale: harness.pair.target, segments: request.slice(0, 2) });
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProviderError);
        expect((error as ProviderError).transient).toBe(true);
        inject();
        const attempts: number[] = [];
        const results = await withRetry((attempt) => { attempts.push(attempt); return call(); }, { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 });
        expect(attempts).toEqual([0, 1]);
        expect(results).toHaveLength(2);
      });
    }
  });
}
