/**
 * The readers' routes alone (`/published`, as server/app.ts mounts them) over a world's
 * store, served on 127.0.0.1 for one test and closed after it. `start(w, env)` reads the
 * config from `env` (with a public URL) and answers the server's address.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { errorResponse } from '../../server/middleware/errors.ts';
import { publicHeaders, withPublicHeaders } from '../../server/public-headers.ts';
import { PublishedCache } from '../../server/published-cache.ts';
import { publishedRoutes } from '../../server/routes/published.ts';
import type { World } from './world.ts';

export function usePublishedServer(): (w: World, env?: Record<string, string>) => Promise<string> {
  let server: ServerType | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });
  return (w, env = {}) => {
    const config = loadConfig({ EDITIONS_PUBLIC_URL: 'https://news.example.org', ...env });
    const app = new Hono().route('/published', publishedRoutes(new PublishedCache(w.ctx, { edition: config.editionPages }), config));
    app.onError((error, c) => withPublicHeaders(c, errorResponse(error, c), publicHeaders(config.publicFrameAncestors)));
    return new Promise((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
    });
  };
}
