import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useService } from '../support/use-service.ts';

// No admin token given: the service makes one on first start.
const service = useService({ admin: null, dbFile: join('data', 'editions.db') });

describe('the service', () => {
  it('creates its database on first start and prints the admin token once', () => {
    expect(existsSync(service.dbPath)).toBe(true);
    expect(service.server.output()).toMatch(/first start: admin token \(shown once, keep it\): edt_[A-Za-z0-9_-]{32}/);
  });

  it('answers GET /health on 127.0.0.1', async () => {
    const res = await fetch(`${service.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', providers: ['pseudo', 'google', 'deepl', 'llm'] });
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await fetch(`${service.url}/no/such/route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found.', details: { path: '/no/such/route' } } });
  });
});
