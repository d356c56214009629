/** The Hono application, composed from its routes. */
import { Hono } from 'hono';
import type { Config } from '../src/config.ts';
import { createProviderSet } from '../src/mt/registry.ts';

export function createApp(config: Config): Hono {
  const app = new Hono();
  const providers = createProviderSet(config).all().map((p) => p.id);
  app.get('/health', (c) => c.json({ status: 'ok', providers }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found', details: { path: c.req.path } } }, 404));
  return app;
}
