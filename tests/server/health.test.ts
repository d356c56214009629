import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/start-server.ts';

let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-server-'));
  server = await startServer({ EDITIONS_DB: join(dir, 'data', 'editions.db'), EDITIONS_APERTIUM: 'off' });
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('the service', () => {
  it('creates its database on first start and prints the admin token once', () => {
    expect(existsSync(join(dir, 'data', 'editions.db'))).toBe(true);
    expect(server.output()).toMatch(/first start: admin token \(shown once, keep it\): edt_[A-Za-z0-9_-]{32}/);
  });

  it('answers GET /health on 127.0.0.1', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', providers: ['pseudo', 'google', 'deepl', 'llm'] });
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await fetch(`${server.url}/no/such/route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found.', details: { path: '/no/such/route' } } });
  });
});
