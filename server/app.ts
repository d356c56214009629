/** The Hono application, composed from its routes. */
import { Hono } from 'hono';
import type { Config } from '../src/config.ts';
import type { ProviderSet } from '../src/mt/routing.ts';

export function createApp(_config: Config, engines: ProviderSet): Hono {
  const app = new Hono();
  const providers = engines.all().map((p) => p.id);
  app.get('/health', (c) => c.json({ status: 'ok', providers }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found', details: { path: c.req.path } } }, 404));
  return app;
}
