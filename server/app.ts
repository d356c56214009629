/** The Hono application, composed from its routes. */
import { Hono } from 'hono';
import type { Config } from '../src/config.ts';
import { providerIds } from '../src/mt/registry.ts';

export function createApp(_config: Config): Hono {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok', providers: providerIds() }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found', details: { path: c.req.path } } }, 404));
  return app;
}
