/**
 * Back-translation through any configured engine (issue 18): a French translation read back
 * into English by DeepL and by an OpenAI-compatible model, each the real client talking to its
 * fake server on 127.0.0.1, named by the reviewer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeepLProvider } from '../../src/mt/deepl/deepl-provider.ts';
import { createLlmProvider } from '../../src/mt/llm/llm-provider.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { backTranslate } from '../../src/operations/back-translate.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { dialects } from '../support/dialects.ts';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.ts';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm.ts';
import { create, draftAll, translateAll } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

let deepl: FakeDeepL;
let llm: FakeLlm;
beforeAll(async () => {
  [deepl, llm] = await Promise.all([startFakeDeepL(), startFakeLlm()]);
});
afterAll(async () => {
  await Promise.all([deepl.close(), llm.close()]);
});

const engines = () =>
  providerSetOf([
    createDeepLProvider({ authKey: deepl.authKey, serverUrl: deepl.url, formality: 'prefer_more', timeoutMs: 5000 }),
    createLlmProvider({ baseURL: llm.baseURL, model: 'fake-model', apiKey: undefined, timeoutMs: 5000 }),
  ]);

describe.each(dialects)('back-translation through DeepL and a chat model ($name)', (dialect) => {
  const world = useWorld(dialect);

  it.each(['deepl', 'llm'])('reads the French translation back into English with %s, placeholders kept', async (engine) => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    await translateAll(w, 'seed-bank', 'fr', w.translatorFr);
    const translation = await getTranslation(w.ctx, 'seed-bank', 'fr');
    const before = engine === 'deepl' ? deepl.translateRequests().length : llm.requests.length;

    // The engine named by the reviewer (as the review page's engine choice does).
    {
      const result = await backTranslate(w.ctx, engines(), parseRoutes(''), { slug: 'seed-bank', locale: 'fr', provider: engine });
      expect(result.sourceLocale).toBe('en');
      expect(result.provider?.id).toBe(engine);
      const withBack = result.segments.filter((s) => s.back !== null);
      expect(withBack.length).toBe(translation.segments.filter((s) => s.text).length);
      // Every placeholder of the French text comes back in the English reading.
      for (const s of withBack) {
        const french = translation.segments.find((t) => t.id === s.id)!.text!;
        const back = s.back!;
        expect([...back.matchAll(/<[gx] id="\d+"/g)].map((m) => m[0]).sort()).toEqual([...french.matchAll(/<[gx] id="\d+"/g)].map((m) => m[0]).sort());
      }
    }
    const after = engine === 'deepl' ? deepl.translateRequests().length : llm.requests.length;
    expect(after).toBeGreaterThan(before);
  });
});
