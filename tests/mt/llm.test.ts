/**
 * The `llm` provider: the real `openai` client against a fake OpenAI-compatible server on
 * 127.0.0.1 (POST /v1/chat/completions), with faults injected. Nothing is lost: every fault
 * is retried (by the caller for 429, 5xx, timeouts; by the provider for a wrong answer or a
 * broken segment) or reported (a failed batch, a segment returned for the job to flag).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { xmlCodec } from '../../src/markdown/placeholder-codec.ts';
import { ServiceMetrics } from '../../server/metrics.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { createLlmProvider, keepsPlaceholders, type LlmOptions } from '../../src/mt/llm/llm-provider.ts';
import { ProviderError, withRetry } from '../../src/mt/retry.ts';
import { startFakeLlm, type FakeLlm, type LlmFault } from '../support/fake-llm.ts';
import { providerContract } from './provider.contract.ts';

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake.close());

function provider(extra: Partial<LlmOptions> = {}) {
  return createLlmProvider({ baseURL: fake.baseURL, model: 'fake-model', apiKey: undefined, timeoutMs: 5000, ...extra });
}

providerContract({
  name: 'llm (fake OpenAI-compatible server)',
  pair: { source: 'en', target: 'fr' },
  rtlTarget: 'ar',
  unsupportedTarget: 'qaa',
  create: async () => provider(),
  injectTransientFailure: () => fake.faults.push({ status: 503 }),
});

const segments = [
  { id: 'a', text: 'Read <g id="1">the report</g> before <x id="2"/> Friday.' },
  { id: 'b', text: 'The seed bank opened <g id="1">today</g>.' },
  { id: 'c', text: 'Volunteers sorted <x id="1"/> samples.' },
];
const translate = (p = provider(), extra: object = {}) => p.translate({ sourceLocale: 'en', targetLocale: 'fr', segments, ...extra });
const sentSince = (before: number) => fake.requests.slice(before).filter((r) => r.url === '/v1/chat/completions');

describe('llm provider', () => {
  beforeEach(() => {
    fake.faults.length = 0;
    fake.jsonSchema = true;
  });

  it('sends one batch with the pair by name, the title, the glossary and a JSON schema, and maps answers by id', async () => {
    const before = fake.requests.length;
    const results = await translate(provider({ apiKey: 'sk-test' }), {
      targetLocale: 'fa',
      context: { title: 'The new seed bank', terms: [{ term: 'seed bank', target: 'بانک بذر', doNotTranslate: false }, { term: 'report', doNotTranslate: true }, { term: 'depot', target: 'انبار', doNotTranslate: false }] },
    });
    const [sent, ...more] = sentSince(before);
    expect(more).toEqual([]);
    expect(sent!.headers.authorization).toBe('Bearer sk-test');
    expect(sent!.body).toMatchObject({ model: 'fake-model', temperature: 0, response_format: { type: 'json_schema' } });
    const system = sent!.body!.messages![0]!.content;
    expect(system).toContain('from English (en) into Persian (fa)');
    expect(system).toContain('"The new seed bank"');
    expect(system).toContain('"seed bank" → "بانک بذر"');
    expect(system).toContain('Do not translate: "report"');
    // Only the terms the batch has.
    expect(system).not.toContain('depot');
    expect(sent!.segments).toEqual(segments.map((s, i) => ({ id: `s${i + 1}`, text: s.text })));
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    for (const [i, r] of results.entries()) expect(keepsPlaceholders(segments[i]!.text, r.text), r.text).toBe(true);
    expect(results[0]!.provenance).toMatchObject({ engine: 'llm', model: 'fake-model' });
  });

  it('counts characters and the tokens the server reported, shared out exactly over the segments', async () => {
    const before = fake.requests.length;
    const results = await translate();
    const sent = sentSince(before)[0]!;
    const promptTokens = Math.ceil(sent.body!.messages!.reduce((n, m) => n + m.content.length, 0) / 4);
    expect(results.reduce((n, r) => n + r.tokens!.prompt, 0)).toBe(promptTokens);
    expect(results.reduce((n, r) => n + r.tokens!.completion, 0)).toBeGreaterThan(0);
    expect(results.map((r) => r.billedCharacters)).toEqual(segments.map((s) => s.text.length));
  });

  it('answers empty segments without asking the model', async () => {
    const before = fake.requests.length;
    const results = await provider().translate({ sourceLocale: 'en', targetLocale: 'fr', segments: [{ id: 'e', text: '' }] });
    expect(results).toEqual([expect.objectContaining({ id: 'e', text: '', billedCharacters: 0 })]);
    expect(sentSince(before)).toEqual([]);
  });

  it('falls back to json_object where the server refuses a JSON schema, and remembers', async () => {
    fake.jsonSchema = false;
    const p = provider();
    const before = fake.requests.length;
    expect(await translate(p)).toHaveLength(3);
    await translate(p);
    expect(sentSince(before).map((r) => r.body!.response_format!.type)).toEqual(['json_schema', 'json_object', 'json_object']);
  });

  it.each([
    [{ status: 429, headers: { 'retry-after': '7' } }, { transient: true, status: 429, retryAfterSeconds: 7 }],
    [{ status: 500 }, { transient: true, status: 500 }],
    [{ status: 503 }, { transient: true, status: 503 }],
    [{ status: 401 }, { transient: false, status: 401 }],
    [{ status: 400 }, { transient: false, status: 400 }],
  ] as const)('classifies %j', async (fault, expected) => {
    fake.faults.push(fault as LlmFault);
    const error = await translate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject(expected);
  });

  it('is retried after a 429 with Retry-After, and nothing is lost', async () => {
    fake.faults.push({ status: 429, headers: { 'retry-after': '2' } }, { status: 500 });
    const waits: number[] = [];
    const results = await withRetry(() => translate(), { attempts: 5, baseDelayMs: 1, maxDelayMs: 5000, sleep: async (ms) => void waits.push(ms) });
    expect(waits[0]).toBe(2000);
    expect(waits).toHaveLength(2);
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('gives up on a hanging answer after its timeout, as a transient failure', async () => {
    fake.faults.push('hang');
    const started = Date.now();
    const error = await translate(provider({ timeoutMs: 300 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ transient: true, message: expect.stringMatching(/timeout/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each(['malformed-json', 'truncated-json', 'wrong-shape'] as const)('asks once more after %s, and gets every segment', async (fault) => {
    fake.faults.push(fault);
    const before = fake.requests.length;
    const results = await translate();
    expect(sentSince(before)).toHaveLength(2);
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    for (const [i, r] of results.entries()) expect(keepsPlaceholders(segments[i]!.text, r.text)).toBe(true);
    // The tokens of the wasted answer are counted too.
    expect(results.reduce((n, r) => n + r.tokens!.prompt, 0)).toBeGreaterThan(0);
  });

  it('reports the batch failed (not transient, 502) when the answer is wrong twice', async () => {
    fake.faults.push('truncated-json', 'malformed-json');
    const error = await translate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ transient: false, status: 502, message: expect.stringMatching(/not the JSON asked for/) });
  });

  it('reads an answer wrapped in a code fence', async () => {
    fake.faults.push('fenced');
    const before = fake.requests.length;
    expect(await translate()).toHaveLength(3);
    expect(sentSince(before)).toHaveLength(1);
  });

  it.each(['drop-placeholder', 'duplicate-placeholder', 'invent-placeholder'] as const)('sends a segment with a %s once more alone, and keeps the good answer', async (fault) => {
    fake.faults.push(fault);
    const before = fake.requests.length;
    const results = await translate();
    const sent = sentSince(before);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.segments).toEqual([{ id: 's1', text: segments[0]!.text }]);
    for (const [i, r] of results.entries()) expect(keepsPlaceholders(segments[i]!.text, r.text), r.text).toBe(true);
  });

  it('returns a segment still broken when sent alone as the model wrote it, for the job to flag', async () => {
    fake.faults.push('drop-placeholder', 'drop-placeholder');
    const results = await translate();
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(keepsPlaceholders(segments[0]!.text, results[0]!.text)).toBe(false);
    expect(xmlCodec.decode(results[0]!.text).tokens.length).toBeGreaterThan(0);
    expect(keepsPlaceholders(segments[1]!.text, results[1]!.text)).toBe(true);
  });

  it('sends a segment whose id is missing from the answer once more alone', async () => {
    fake.faults.push('missing-id');
    const before = fake.requests.length;
    const results = await translate();
    const sent = sentSince(before);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.segments).toEqual([{ id: 's1', text: segments[2]!.text }]);
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(results[2]!.text).not.toBe('');
  });

  it('reports the batch failed when a segment is missing even alone', async () => {
    fake.faults.push('missing-id', 'missing-id');
    const error = await translate().catch((e: unknown) => e);
    expect(error).toMatchObject({ transient: false, status: 502, message: expect.stringMatching(/no translation for 1 of 3/) });
  });

  it('is unavailable without a model, and never calls the server then', async () => {
    const before = fake.requests.length;
    const p = provider({ model: undefined });
    expect(await p.availability()).toEqual({ available: false, reason: 'no model (set EDITIONS_LLM_MODEL and EDITIONS_LLM_BASE_URL)' });
    await expect(translate(p)).rejects.toMatchObject({ transient: false });
    expect(fake.requests.length).toBe(before);
  });

  it('serves every language with a name, not one into itself', () => {
    const p = provider();
    for (const t of ['ar', 'fa', 'fr', 'tr', 'id', 'ur']) expect(p.supports('en', t)).toBe(true);
    expect(p.supports('en', 'en-GB')).toBe(false);
    expect(p.supports('en', 'qaa')).toBe(false);
  });
});

describe('llm tokens in the metrics', () => {
  it('counts prompt and completion tokens per engine and locale', async () => {
    const metrics = new ServiceMetrics({ processMetrics: false });
    try {
      const metered = metrics.meterProviders(providerSetOf([provider()])).get('llm')!;
      const results = await metered.translate({ sourceLocale: 'en', targetLocale: 'ar', segments });
      const text = await metrics.text();
      const prompt = results.reduce((n, r) => n + r.tokens!.prompt, 0);
      expect(text).toContain(`editions_mt_tokens_total{engine="llm",locale="ar",kind="prompt"} ${prompt}`);
      expect(text).toMatch(/editions_mt_tokens_total\{engine="llm",locale="ar",kind="completion"\} [1-9]/);
    } finally {
      metrics.close();
    }
  });
});
