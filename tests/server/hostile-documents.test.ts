/**
 * Hostile documents (tests/fixtures/hostile/documents.ts) over HTTP against the service on
 * 127.0.0.1: each is refused with 422 input_too_complex naming the limit, as a new statement,
 * as a whole translation (text/markdown) and as a source revision, storing nothing; and
 * /health keeps answering while a heavy document runs in a worker.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { translator, uiLanguages } from '../../server/i18n.ts';
import { hostileDocuments, type HostileDocument } from '../fixtures/hostile/documents.ts';
import { allTableRows } from '../support/table-rows.ts';
import { useService } from '../support/use-service.ts';

const timeoutMs = 4_000;
let dbFile: string;
const service = useService({ users: { publisher: [{ role: 'publisher', locale: '*' }], translator: [{ role: 'translator', locale: 'fr' }] }, env: { EDITIONS_DOCUMENT_TIMEOUT_MS: String(timeoutMs) } });
const { call } = service;

beforeAll(async () => {
  dbFile = service.dbPath;
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'base', sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n' })).status).toBe(201);
}, 60_000);

/** Every row of every table. */
function snapshot(): string {
  return allTableRows(dbFile);
}

const ways: Record<string, (markdown: string) => ReturnType<typeof call>> = {
  'POST /api/statements': (markdown) => call('publisher', 'POST', '/api/statements?slug=hostile&sourceLocale=en', markdown, { 'content-type': 'text/markdown' }),
  'PUT …/translations/fr (text/markdown)': (markdown) => call('translator', 'PUT', '/api/statements/base/translations/fr', markdown, { 'content-type': 'text/markdown' }),
  'PUT …/source': (markdown) => call('publisher', 'PUT', '/api/statements/base/source', markdown, { 'content-type': 'text/markdown', 'if-match': '"1"' }),
};

const cases = hostileDocuments.flatMap((doc) => Object.keys(ways).map((way) => [doc.name, way, doc] as [string, string, HostileDocument]));

describe('hostile documents are refused with 422 input_too_complex, storing nothing', () => {
  it.each(cases)('%s, by %s', async (_, way, doc) => {
    const before = snapshot();
    const res = await ways[way]!(doc.markdown);
    expect(res.status, res.text.slice(0, 300)).toBe(422);
    const error = res.body.error as { code: string; message: string; details: { limit: string; value: number; max: number } };
    expect(error.code).toBe('input_too_complex');
    expect(doc.limits).toContain(error.details.limit);
    expect(error.details.value).toBeGreaterThan(0);
    expect(error.details.max).toEqual(error.details.limit === 'time' ? timeoutMs : expect.any(Number));
    // The message names the limit, in the caller's language.
    expect(error.message).toContain(translator('en')(`limits:${error.details.limit}`));
    expect(snapshot()).toBe(before);
  });

  it('names the limit in every other interface language too (fr, ar, es, fa…)', async () => {
    const markdown = hostileDocuments[0]!.markdown;
    expect(uiLanguages).toEqual(expect.arrayContaining(['fr', 'ar', 'es', 'fa']));
    for (const lng of uiLanguages.filter((l) => l !== 'en')) {
      const res = await call('publisher', 'POST', '/api/statements?slug=hostile&sourceLocale=en', markdown, { 'content-type': 'text/markdown', 'accept-language': lng });
      expect(res.status).toBe(422);
      expect(res.body.error.message).toContain(translator(lng)('limits:nesting'));
    }
  });
});

describe('the service stays responsive', () => {
  it('answers /health while a heavy document runs, and takes documents after a worker was stopped', async () => {
    const heavy = hostileDocuments.find((d) => d.limits.includes('time'))!;
    let settled = false;
    const submitted = ways['POST /api/statements']!(heavy.markdown).finally(() => (settled = true));
    const latencies: number[] = [];
    while (!settled) {
      const t0 = performance.now();
      const res = await fetch(`${service.url}/health`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      if (!settled) latencies.push(performance.now() - t0);
    }
    const res = await submitted;
    expect(res.status).toBe(422);
    expect(res.body.error.details).toMatchObject({ limit: 'time', max: timeoutMs });
    // Answered over and over while the document ran (before: not once until it was done).
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    // The stopped worker was replaced.
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'after', sourceLocale: 'en', markdown: '# After\n\nStill here.\n' })).status).toBe(201);
  });
});
