/**
 * A server for the HTTP benchmark, run in its own process: `published` is the Editions app
 * (a statement published from content/ into a temp database), `bare` a bare Hono route that
 * answers the same bytes with the same headers. Prints its URL and the path to request.
 * The Editions app runs as in production: a JSON log line per request (to a file) and metrics.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig } from '../src/config.ts';
import { DraftRunner } from '../src/jobs/runner.ts';
import { providerSetOf } from '../src/mt/registry.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { createStatement } from '../src/operations/create-statement.ts';
import { publish } from '../src/operations/publish.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { createApp } from '../server/app.ts';
import { createServiceLog } from '../server/logger.ts';
import { ServiceMetrics } from '../server/metrics.ts';
import { operator } from '../cli/import.ts';
import { sampleStatements } from './corpus.ts';

const mode = process.argv[2];
const sample = sampleStatements()[0]!;
const slug = 'bench-statement';
let app: Hono;
if (mode === 'published') {
  const dir = mkdtempSync(join(tmpdir(), 'editions-http-'));
  const config = loadConfig({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_APERTIUM: 'off' });
  const { logger } = createServiceLog('info', { file: join(dir, 'service.log') });
  const store = await openSqliteStore(config.database);
  const ctx: OperationContext = { store, now: () => new Date(), frontMatterKeys: config.frontMatterKeys, maxDocumentBytes: config.maxDocumentBytes };
  await createStatement(ctx, operator, { slug, sourceLocale: 'en', markdown: sample.markdown });
  await publish(ctx, operator, { slug, locales: ['en'] });
  const providers = providerSetOf([]);
  app = createApp(config, { ctx, providers, runner: new DraftRunner(ctx, providers), log: logger, metrics: new ServiceMetrics() }) as unknown as Hono;
} else {
  // The same bytes and the same headers as the published route's answer, from memory.
  const body = process.argv[3] ?? '';
  const headers = JSON.parse(process.argv[4] ?? '{}') as Record<string, string>;
  const { 'Content-Type': contentType, ...common } = headers;
  const etag = common.ETag ?? '"x"';
  app = new Hono();
  // The published route also sends back a request id (a new UUID when the caller sent none).
  app.get('/published/:slug/:file', (c) => {
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ...common, 'X-Request-Id': crypto.randomUUID() });
    return c.body(body, 200, { ...common, 'Content-Type': contentType ?? 'text/plain', 'X-Request-Id': crypto.randomUUID() });
  });
}
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, path: `/published/${slug}/en.md` })}\n`);
});
