/**
 * The one place that reads the environment. Validated once with zod; everything else
 * receives a typed Config.
 */
import { z } from 'zod';
import { defaultDocumentSettings, type DocumentWorkerSettings } from './documents/workers.ts';
import { defaultLocaleKeys, defaultTranslatableKeys } from './markdown/frontmatter.ts';
import { DomainError } from './errors.ts';
import { parseRoutes, type Routes } from './mt/routing.ts';
import type { MtSettings } from './mt/settings.ts';
import { WebhookTargetPolicy } from './webhooks/target-policy.ts';

const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  EDITIONS_DB: z.string().min(1).default('./data/editions.db'),
  EDITIONS_MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(1_000_000),
  EDITIONS_MAX_NESTING: z.coerce.number().int().positive().default(defaultDocumentSettings.limits.maxNesting),
  EDITIONS_MAX_SEGMENTS: z.coerce.number().int().positive().default(defaultDocumentSettings.limits.maxSegments),
  EDITIONS_MAX_INLINE_NODES: z.coerce.number().int().positive().default(defaultDocumentSettings.limits.maxInlineNodes),
  EDITIONS_DOCUMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(defaultDocumentSettings.timeoutMs),
  EDITIONS_DOCUMENT_WORKERS: z.coerce.number().int().min(1).max(64).default(defaultDocumentSettings.workers),
  EDITIONS_DOCUMENT_QUEUE: z.coerce.number().int().min(0).default(defaultDocumentSettings.queue),
  EDITIONS_FRONTMATTER_KEYS: list.optional(),
  EDITIONS_FRONTMATTER_LOCALE_KEYS: list.optional(),
  EDITIONS_FALLBACK_LOCALES: list.optional(),
  EDITIONS_ADMIN_TOKEN: z.string().min(16).optional(),
  EDITIONS_MT: z.string().min(1).optional(),
  EDITIONS_MT_ROUTES: z.string().optional(),
  EDITIONS_MT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  EDITIONS_SIGN_IN_LINK_DAYS: z.coerce.number().min(0.01).max(90).default(7),
  EDITIONS_ENV: z.enum(['development', 'production']).optional(),
  NODE_ENV: z.string().optional(),
  GOOGLE_APPLICATION_CREDENTIALS: z.string().min(1).optional(),
  GOOGLE_CLOUD_PROJECT: z.string().min(1).optional(),
  EDITIONS_GOOGLE_LOCATION: z.string().min(1).default('global'),
  EDITIONS_GOOGLE_ENDPOINT: z.url().optional(),
  EDITIONS_GOOGLE_GLOSSARIES: z.string().optional(),
  EDITIONS_GOOGLE_METADATA: z.enum(['true', 'false']).default('false'),
  EDITIONS_APERTIUM: z.union([z.enum(['auto', 'off']), z.url()]).default('auto'),
  EDITIONS_GOOGLE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  DEEPL_AUTH_KEY: z.string().min(1).optional(),
  EDITIONS_DEEPL_SERVER_URL: z.url().optional(),
  EDITIONS_DEEPL_FORMALITY: z.enum(['default', 'more', 'less', 'prefer_more', 'prefer_less']).default('prefer_more'),
  EDITIONS_DEEPL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  EDITIONS_LLM_BASE_URL: z.url().optional(),
  EDITIONS_LLM_MODEL: z.string().min(1).optional(),
  EDITIONS_LLM_API_KEY: z.string().min(1).optional(),
  EDITIONS_LLM_BATCH: z.coerce.number().int().min(1).max(200).default(20),
  EDITIONS_LLM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  EDITIONS_PUBLIC_URL: z.url().optional(),
  EDITIONS_SITE_LANGUAGE: z.string().min(1).refine((t) => { try { return Intl.getCanonicalLocales(t).length === 1; } catch { return false; } }, 'a language tag').default('en'),
  EDITIONS_REVIEWER_DISPLAY: z.enum(['name', 'initials', 'role', 'none']).default('role'),
  EDITIONS_LABELS_DIR: z.string().min(1).optional(),
  EDITIONS_WEBHOOK_RETRY_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
    .default('5000,300000,1800000,7200000,18000000,36000000')
    .transform((s) => s.split(',').map(Number)),
  EDITIONS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  EDITIONS_WEBHOOK_ALLOW_HOSTS: list.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EDITIONS_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  EDITIONS_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  EDITIONS_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  EDITIONS_STORAGE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  EDITIONS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  EDITIONS_JOB_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  EDITIONS_JOB_SWEEP_MS: z.coerce.number().int().min(50).max(3_600_000).default(2000),
  EDITIONS_PUBLIC_FRAME_ANCESTORS: z
    .string()
    .default("'self'")
    .transform((s, ctx) => {
      const sources = s.split(/[\s,]+/).filter(Boolean).map((x) => (/^'?(self|none)'?$/i.test(x) ? `'${x.replace(/'/g, '').toLowerCase()}'` : x));
      const hostSource = /^(https?:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d+|\*))?$|^https?:$/i;
      const bad = sources.filter((x) => x !== "'self'" && x !== "'none'" && !hostSource.test(x));
      if (sources.length === 0 || bad.length > 0 || (sources.includes("'none'") && sources.length > 1)) {
        ctx.addIssue({ code: 'custom', message: `'none', 'self' or origins such as https://www.example.org (got ${bad.join(' ') || s})` });
        return z.NEVER;
      }
      return sources.join(' ');
    }),
});

/** The machine translation settings (routes, engines) are src/mt/settings.ts. */
export interface Config extends MtSettings {
  host: string;
  port: number;
  database: string;
  maxDocumentBytes: number;
  /** Document limits (nesting, segments, inline nodes), time limit, worker threads and queue: src/documents/workers.ts. */
  documents: DocumentWorkerSettings;
  frontMatterKeys: readonly string[];
  /** Front matter keys whose values become the edition's locale (`lang: es` in the es edition); empty: none. */
  frontMatterLocaleKeys: readonly string[];
  /** Locales readers fall back to, in order, before the source language. */
  fallbackLocales: readonly string[];
  adminToken: string | undefined;
  defaultProvider: string | undefined;
  /** Absolute base URL of the public site (feeds, sitemaps, webhook payloads); unset: the request's own origin. */
  publicUrl: string | undefined;
  webhooks: {
    /** Waits before each retry after a failed delivery (Standard Webhooks' schedule by default); past the last, the delivery has failed. */
    retryMs: readonly number[];
    timeoutMs: number;
    /** Hosts, addresses or CIDRs webhooks may reach despite the target policy (src/webhooks/target-policy.ts). */
    allowHosts: readonly string[];
  };
  /** CSP frame-ancestors of /published and /feeds: who may embed editions (`'self'` by default). */
  publicFrameAncestors: string;
  /** Readers' pages: the language their fixed labels fall back to (EDITIONS_SITE_LANGUAGE), how reviewers are shown (EDITIONS_REVIEWER_DISPLAY), extra label files (EDITIONS_LABELS_DIR). */
  editionPages: { siteLanguage: string; reviewerDisplay: 'name' | 'initials' | 'role' | 'none'; labelsDir: string | undefined };
  /** The log's level (LOG_LEVEL, `info` by default). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** GET /metrics without a token on its own port (EDITIONS_METRICS_PORT, on EDITIONS_METRICS_HOST); unset: only on the main port, for an admin's token. */
  metrics: { port: number | undefined; host: string };
  /** How long a shutdown waits for requests in flight before it closes their connections. */
  shutdownGraceMs: number;
  /** Longest wait for a busy database (retried asynchronously) before `storage_busy`; draft jobs then retry on their own schedule. */
  storageWaitMs: number;
  /** Connections this instance keeps to PostgreSQL (EDITIONS_DB_POOL_SIZE); unused on SQLite. */
  databasePoolSize: number;
  /** Draft jobs (src/jobs/runner.ts): how long a claimed job is this instance's without a renewal, and how often to look for jobs to take over. */
  jobs: { leaseMs: number; sweepMs: number };
  /** How long a one-time sign-in link (an invitation) works, in days (EDITIONS_SIGN_IN_LINK_DAYS, 7 by default). */
  signInLinkDays: number;
  /** `development` (EDITIONS_ENV, else NODE_ENV=development) offers the `pseudo` engine on the pages; otherwise `production`. */
  environment: 'development' | 'production';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new DomainError('config_invalid', `Invalid configuration: ${issues.join('; ')}`, { issues });
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    database: e.EDITIONS_DB,
    maxDocumentBytes: e.EDITIONS_MAX_DOCUMENT_BYTES,
    documents: {
      limits: { maxNesting: e.EDITIONS_MAX_NESTING, maxSegments: e.EDITIONS_MAX_SEGMENTS, maxInlineNodes: e.EDITIONS_MAX_INLINE_NODES },
      timeoutMs: e.EDITIONS_DOCUMENT_TIMEOUT_MS,
      workers: e.EDITIONS_DOCUMENT_WORKERS,
      queue: e.EDITIONS_DOCUMENT_QUEUE,
    },
    frontMatterKeys: e.EDITIONS_FRONTMATTER_KEYS ?? defaultTranslatableKeys,
    frontMatterLocaleKeys: e.EDITIONS_FRONTMATTER_LOCALE_KEYS ?? defaultLocaleKeys,
    fallbackLocales: e.EDITIONS_FALLBACK_LOCALES ?? [],
    adminToken: e.EDITIONS_ADMIN_TOKEN,
    defaultProvider: e.EDITIONS_MT,
    routes: withDefault(parseRoutes(e.EDITIONS_MT_ROUTES), e.EDITIONS_MT),
    mtTimeoutMs: e.EDITIONS_MT_TIMEOUT_MS,
    apertium: e.EDITIONS_APERTIUM,
    google: {
      keyFile: e.GOOGLE_APPLICATION_CREDENTIALS,
      projectId: e.GOOGLE_CLOUD_PROJECT,
      location: e.EDITIONS_GOOGLE_LOCATION,
      endpoint: e.EDITIONS_GOOGLE_ENDPOINT,
      glossaries: new Map([...parseRoutes(e.EDITIONS_GOOGLE_GLOSSARIES)].map(([locale, [glossary]]) => [locale, glossary ?? ''])),
      metadata: e.EDITIONS_GOOGLE_METADATA === 'true',
      concurrency: e.EDITIONS_GOOGLE_CONCURRENCY,
    },
    deepl: { authKey: e.DEEPL_AUTH_KEY, serverUrl: e.EDITIONS_DEEPL_SERVER_URL, formality: e.EDITIONS_DEEPL_FORMALITY, concurrency: e.EDITIONS_DEEPL_CONCURRENCY },
    llm: { baseURL: e.EDITIONS_LLM_BASE_URL, model: e.EDITIONS_LLM_MODEL, apiKey: e.EDITIONS_LLM_API_KEY, batchSize: e.EDITIONS_LLM_BATCH, concurrency: e.EDITIONS_LLM_CONCURRENCY },
    publicUrl: e.EDITIONS_PUBLIC_URL?.replace(/\/+$/, ''),
    webhooks: { retryMs: e.EDITIONS_WEBHOOK_RETRY_MS, timeoutMs: e.EDITIONS_WEBHOOK_TIMEOUT_MS, allowHosts: webhookAllowHosts(e.EDITIONS_WEBHOOK_ALLOW_HOSTS) },
    publicFrameAncestors: e.EDITIONS_PUBLIC_FRAME_ANCESTORS,
    editionPages: { siteLanguage: Intl.getCanonicalLocales(e.EDITIONS_SITE_LANGUAGE)[0]!, reviewerDisplay: e.EDITIONS_REVIEWER_DISPLAY, labelsDir: e.EDITIONS_LABELS_DIR },
    logLevel: e.LOG_LEVEL,
    metrics: { port: e.EDITIONS_METRICS_PORT, host: e.EDITIONS_METRICS_HOST },
    shutdownGraceMs: e.EDITIONS_SHUTDOWN_GRACE_MS,
    storageWaitMs: e.EDITIONS_STORAGE_WAIT_MS,
    databasePoolSize: e.EDITIONS_DB_POOL_SIZE,
    jobs: { leaseMs: e.EDITIONS_JOB_LEASE_MS, sweepMs: e.EDITIONS_JOB_SWEEP_MS },
    signInLinkDays: e.EDITIONS_SIGN_IN_LINK_DAYS,
    environment: e.EDITIONS_ENV ?? (e.NODE_ENV === 'development' ? 'development' : 'production'),
  };
}

/** Validated here, so a bad entry stops the start (the policy itself is built where it is used). */
function webhookAllowHosts(hosts: string[] | undefined): readonly string[] {
  new WebhookTargetPolicy(hosts);
  return hosts ?? [];
}

/** EDITIONS_MT names the provider for every locale without a route of its own. */
function withDefault(routes: Routes, provider: string | undefined): Routes {
  if (!provider || routes.has('*')) return routes;
  return new Map([...routes, ['*', [provider]]]);
}
