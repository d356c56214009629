/**
 * Starts the service: `npm start`. Opens (and on first start creates) the database.
 *
 * Logs are pino's JSON lines on stdout (readable lines on a terminal), LOG_LEVEL. A failed
 * background task or an unhandled rejection is logged and the service keeps serving; an
 * uncaught exception is logged and the service shuts down (exit 1), as it may be in any state.
 *
 * SIGTERM or SIGINT: stop accepting (GET /ready answers 503 meanwhile), end progress streams,
 * give webhook delivery and draft job leases back (a job's batch in flight is stored first, within the grace), let requests in flight finish for up to
 * EDITIONS_SHUTDOWN_GRACE_MS (then close their connections), close the store, stop Apertium
 * and the document workers, exit 0. A hard bound exits (1) should any of that hang.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig, type Config } from '../src/config.ts';
import { DocumentWorkers } from '../src/documents/workers.ts';
import { DomainError } from '../src/errors.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { bootstrapAdmin } from '../src/operations/users.ts';
import { openStore } from '../src/store/open-store.ts';
import { openChangeFeed } from '../src/store/change-feed.ts';
import { DraftRunner } from '../src/jobs/runner.ts';
import { startEngines } from '../src/mt/engines.ts';
import { DeliveryWorker } from '../src/webhooks/delivery-worker.ts';
import { createApp } from './app.ts';
import { createServiceLog } from './logger.ts';
import { ServiceMetrics } from './metrics.ts';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`editions: ${error instanceof DomainError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const serviceLog = createServiceLog(config.logLevel);
  const log = serviceLog.logger;
  // A reader of stdout or stderr that has gone must not take the service down.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

  let stop: (reason: string, code?: number) => Promise<void> = async (_reason, code = 1) => {
    await serviceLog.flush();
    process.exit(code);
  };
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection (still serving)'));
  process.on('uncaughtException', (error, origin) => {
    log.fatal({ err: error, origin }, 'uncaught exception: shutting down');
    void stop('uncaughtException', 1);
  });

  const store = await openStore(config.database, {
    waitMs: config.storageWaitMs,
    poolSize: config.databasePoolSize,
    onIdleError: (error) => log.warn({ err: error }, 'database connection lost while idle (the pool replaces it)'),
  });
  // Publications and withdrawals through any instance (or the CLI) reach this one's readers' caches.
  const changes = await openChangeFeed(store, config.database, { onError: (error) => log.warn({ err: error }, 'change notices: connection lost (reconnecting; caches cleared)') });
  // Whole-document work off the event loop, one worker kept warm.
  const documents = new DocumentWorkers(config.documents, 1);
  const ctx: OperationContext = { store, now: () => new Date(), frontMatterKeys: config.frontMatterKeys, frontMatterLocaleKeys: config.frontMatterLocaleKeys, maxDocumentBytes: config.maxDocumentBytes, documents, log, signInLinkLifetimeMs: config.signInLinkDays * 24 * 60 * 60 * 1000 };
  const admin = await bootstrapAdmin(ctx, config.adminToken);
  // The one secret the log ever carries, once, on the first start without EDITIONS_ADMIN_TOKEN.
  if (admin?.generated) log.warn({}, `first start: admin token (shown once, keep it): ${admin.token}`);
  else if (admin) log.info({}, 'first start: admin created with EDITIONS_ADMIN_TOKEN');
  const metrics = new ServiceMetrics();
  const engines = await startEngines(config);
  for (const line of await engines.describe()) log.info({}, `machine translation: ${line}`);
  const providers = metrics.meterProviders(engines.providers);
  // Readiness checks the engines in use: Apertium when there is one, Google when it has
  // credentials, DeepL when it has a key, the llm provider when a model is named.
  const inUse: Record<string, boolean> = {
    google: config.google.keyFile !== undefined || config.google.metadata,
    deepl: config.deepl.authKey !== undefined,
    llm: config.llm.model !== undefined,
  };
  const configured = providers.all().filter((p) => !p.development && (inUse[p.id] ?? true));
  // Jobs are claimed with a lease (several instances may share the database); the sweep takes over those whose instance died.
  const runner = new DraftRunner(ctx, providers, undefined, { leaseMs: config.jobs.leaseMs, sweepMs: config.jobs.sweepMs });
  metrics.watchRunner(runner);
  // Resumed in the background: claiming a job is a write, and another process may hold the
  // database (a backup, the CLI) while this one starts; serving does not wait for it.
  void runner
    .resume()
    .then((resumed) => {
      if (resumed.length > 0) log.info({ jobIds: resumed }, `resuming ${resumed.length} draft job(s)`);
    })
    .catch((error: unknown) => log.error({ err: error }, 'resuming draft jobs failed (the sweep tries again)'))
    .finally(() => runner.startSweep());
  const deliveries = new DeliveryWorker(ctx, config.webhooks);
  deliveries.on('error', (error: Error) => log.error({ err: error }, 'webhook deliveries'));
  metrics.watchDeliveries(deliveries);
  deliveries.start();

  let stopping = false;
  const app = createApp(config, { ctx, providers, runner, deliveries, log, metrics, engines: configured, stopping: () => stopping, changes });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    log.info({ database: config.database }, `database ${config.database}`);
    log.info({ port: info.port }, `listening on http://${config.host}:${info.port}`);
    void serviceLog.flush();
  }) as Server;

  let metricsServer: Server | undefined;
  if (config.metrics.port !== undefined) {
    const metricsApp = new Hono();
    metricsApp.get('/metrics', async (c) => c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' }));
    metricsServer = serve({ fetch: metricsApp.fetch, hostname: config.metrics.host, port: config.metrics.port }, (info) => {
      log.info({ port: info.port }, `metrics on http://${config.metrics.host}:${info.port}/metrics`);
    }) as Server;
  }

  stop = async (reason, code = 0) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    log.info({ reason, graceMs: config.shutdownGraceMs }, 'shutting down');
    void serviceLog.flush();
    // Should anything below hang, the process still ends.
    setTimeout(() => {
      log.error({ ms: Date.now() - started }, 'shutdown did not finish in time: exiting');
      void serviceLog.flush(200).finally(() => process.exit(1));
    }, config.shutdownGraceMs + 3000);
    // Draft jobs stop at their next batch (the batches in flight are stored, within the grace) and are given back.
    const jobsReleased = runner.stop(config.shutdownGraceMs).catch((error: unknown) => log.error({ err: error }, 'draft jobs: stop'));
    metricsServer?.close();
    metricsServer?.closeAllConnections();
    // No new connections; idle keep-alive ones close now, the others once their answer is sent (`Connection: close`).
    const drained = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
    server.closeIdleConnections();
    const released = deliveries.stop().catch((error: unknown) => log.error({ err: error }, 'webhook deliveries: stop'));
    if (!(await Promise.race([drained, delay(config.shutdownGraceMs).then(() => false)]))) {
      log.warn({ graceMs: config.shutdownGraceMs }, 'requests still in flight after the grace period: closing their connections');
      server.closeAllConnections();
    }
    await released;
    await jobsReleased;
    await changes.close().catch((error: unknown) => log.error({ err: error }, 'change notices: close'));
    // The store before the engines: a draft job cut short records nothing and is resumed at the next start.
    await store.close().catch((error: unknown) => log.error({ err: error }, 'store: close'));
    await engines.stop().catch((error: unknown) => log.error({ err: error }, 'engines: stop'));
    await documents.close().catch((error: unknown) => log.error({ err: error }, 'document workers: close'));
    log.info({ ms: Date.now() - started, code }, 'stopped');
    await serviceLog.flush();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`editions: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
