import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { DomainError } from '../src/errors.ts';

describe('config', () => {
  it('has embedded defaults', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      database: './data/editions.db',
      maxDocumentBytes: 1_000_000,
      documents: { limits: { maxNesting: 32, maxSegments: 20_000, maxInlineNodes: 2_000 }, timeoutMs: 15_000, workers: expect.any(Number), queue: 100 },
      frontMatterKeys: ['title', 'subtitle', 'summary', 'description', 'excerpt'],
      frontMatterLocaleKeys: ['lang', 'language', 'locale'],
      fallbackLocales: [],
      adminToken: undefined,
      defaultProvider: undefined,
      routes: new Map(),
      mtTimeoutMs: 30_000,
      apertium: 'auto',
      google: { keyFile: undefined, projectId: undefined, location: 'global', endpoint: undefined, glossaries: new Map(), metadata: false, concurrency: 16 },
      deepl: { authKey: undefined, serverUrl: undefined, formality: 'prefer_more', concurrency: 8 },
      llm: { baseURL: undefined, model: undefined, apiKey: undefined, batchSize: 20, concurrency: 4 },
      publicUrl: undefined,
      webhooks: { retryMs: [5000, 300000, 1800000, 7200000, 18000000, 36000000], timeoutMs: 10_000, allowHosts: [] },
      publicFrameAncestors: "'self'",
      editionPages: { siteLanguage: 'en', reviewerDisplay: 'role', labelsDir: undefined },
      logLevel: 'info',
      metrics: { port: undefined, host: '127.0.0.1' },
      shutdownGraceMs: 3000,
      storageWaitMs: 5000,
      databasePoolSize: 10,
      jobs: { leaseMs: 30_000, sweepMs: 2000 },
      signInLinkDays: 7,
      environment: 'production',
    });
  });

  it('reads the llm provider\'s settings', () => {
    const c = loadConfig({ EDITIONS_LLM_BASE_URL: 'http://127.0.0.1:11434/v1', EDITIONS_LLM_MODEL: 'qwen2.5:7b', EDITIONS_LLM_BATCH: '8', EDITIONS_LLM_CONCURRENCY: '2' });
    expect(c.llm).toEqual({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', apiKey: undefined, batchSize: 8, concurrency: 2 });
  });

  it('reads the environment', () => {
    const c = loadConfig({ HOST: '0.0.0.0', PORT: '9000', EDITIONS_FRONTMATTER_KEYS: 'title, seo.description', EDITIONS_MAX_DOCUMENT_BYTES: '2048' });
    expect([c.host, c.port, c.frontMatterKeys, c.maxDocumentBytes]).toEqual(['0.0.0.0', 9000, ['title', 'seo.description'], 2048]);
    expect(loadConfig({ EDITIONS_FRONTMATTER_LOCALE_KEYS: 'lang, meta.locale' }).frontMatterLocaleKeys).toEqual(['lang', 'meta.locale']);
    expect(loadConfig({ EDITIONS_FRONTMATTER_LOCALE_KEYS: '' }).frontMatterLocaleKeys).toEqual([]);
  });

  it('reads machine-translation routes, EDITIONS_MT as the default route', () => {
    const c = loadConfig({ EDITIONS_MT_ROUTES: 'es=apertium|google, ca=apertium', EDITIONS_MT: 'google' });
    expect([...c.routes]).toEqual([['es', ['apertium', 'google']], ['ca', ['apertium']], ['*', ['google']]]);
    expect(() => loadConfig({ EDITIONS_MT_ROUTES: 'es' })).toThrow(/Bad route "es"/);
  });

  it('reads the readers\' pages settings', () => {
    const c = loadConfig({ EDITIONS_SITE_LANGUAGE: 'FR', EDITIONS_REVIEWER_DISPLAY: 'initials', EDITIONS_LABELS_DIR: '/srv/labels' });
    expect(c.editionPages).toEqual({ siteLanguage: 'fr', reviewerDisplay: 'initials', labelsDir: '/srv/labels' });
    expect(() => loadConfig({ EDITIONS_REVIEWER_DISPLAY: 'full' })).toThrow(/EDITIONS_REVIEWER_DISPLAY/);
    expect(() => loadConfig({ EDITIONS_SITE_LANGUAGE: 'not a tag' })).toThrow(/EDITIONS_SITE_LANGUAGE/);
  });

  it('reads the sign-in links\' lifetime and the environment (pseudo offered in development only)', () => {
    expect(loadConfig({ EDITIONS_SIGN_IN_LINK_DAYS: '2' }).signInLinkDays).toBe(2);
    expect(() => loadConfig({ EDITIONS_SIGN_IN_LINK_DAYS: '0' })).toThrow(/EDITIONS_SIGN_IN_LINK_DAYS/);
    expect(loadConfig({ EDITIONS_ENV: 'development' }).environment).toBe('development');
    expect(loadConfig({ NODE_ENV: 'development' }).environment).toBe('development');
    expect(loadConfig({ NODE_ENV: 'development', EDITIONS_ENV: 'production' }).environment).toBe('production');
    expect(() => loadConfig({ EDITIONS_ENV: 'staging' })).toThrow(/EDITIONS_ENV/);
  });

  it('refuses bad values with a typed error naming the variable', () => {
    const attempt = () => loadConfig({ PORT: 'eighty' });
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(/PORT/);
  });
});
