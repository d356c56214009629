/** Starts the service: `npm start`. Opens (and on first start creates) the database. */
import { serve } from '@hono/node-server';
import { loadConfig, type Config } from '../src/config.ts';
import { DomainError } from '../src/errors.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { bootstrapAdmin } from '../src/operations/users.ts';
import { openStore } from '../src/store/open-store.ts';
import { DraftRunner } from '../src/jobs/runner.ts';
import { startEngines } from '../src/mt/engines.ts';
import { DeliveryWorker } from '../src/webhooks/delivery-worker.ts';
import { createApp } from './app.ts';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`editions: ${error instanceof DomainError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const store = await openStore(config.database);
  const ctx: OperationContext = { store, now: () => new Date(), frontMatterKeys: config.frontMatterKeys, maxDocumentBytes: config.maxDocumentBytes };
  const admin = await bootstrapAdmin(ctx, config.adminToken);
  if (admin?.generated) {
    process.stdout.write(`editions: first start: admin token (shown once, keep it): ${admin.token}\n`);
  } else if (admin) {
    process.stdout.write('editions: first start: admin created with EDITIONS_ADMIN_TOKEN\n');
  }
  const engines = await startEngines(config);
  for (const line of await engines.describe()) process.stdout.write(`editions: machine translation: ${line}\n`);
  const runner = new DraftRunner(ctx, engines.providers);
  const resumed = await runner.resume();
  if (resumed.length > 0) process.stdout.write(`editions: resuming ${resumed.length} draft job(s)\n`);
  const deliveries = new DeliveryWorker(ctx, config.webhooks);
  deliveries.on('error', (error: Error) => process.stderr.write(`editions: webhook deliveries: ${error.message}\n`));
  deliveries.start();
  const app = createApp(config, { ctx, providers: engines.providers, runner, deliveries });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    process.stdout.write(`editions: database ${config.database}\n`);
    process.stdout.write(`editions: listening on http://${config.host}:${info.port}\n`);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    void deliveries
      .stop()
      .then(() => engines.stop())
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`editions: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
