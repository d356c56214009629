/**
 * The pages' security headers (server/pages/page-context.ts, from hono/secure-headers),
 * through the whole app with Hono's app.request() (no server process): the same headers as
 * before the library, and none of its other defaults. The sign-in link page, whose address holds
 * a secret, keeps `same-origin` too: the secret never leaves the site, and its form still posts
 * with its Origin (under `no-referrer` the browser sends `Origin: null`, which the CSRF guard refuses).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { createSignInLink } from '../../src/operations/sign-in-links.ts';
import { createUser } from '../../src/operations/users.ts';
import { createApp } from '../../server/app.ts';
import { sqlite } from '../support/dialects.ts';
import { useWorld, type World } from '../support/world.ts';

const pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function appOf(w: World) {
  const providers = providerSetOf([]);
  return createApp(loadConfig({ EDITIONS_APERTIUM: 'off' }), { ctx: w.ctx, providers, runner: new DraftRunner(w.ctx, providers) });
}

describe('security headers of the pages', () => {
  const world = useWorld(sqlite);

  it('sets the pages’ policy, nosniff, same-origin referrers and no framing, and nothing more', async () => {
    const res = await appOf(world()).request('/sign-in');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(pagePolicy);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const other of ['strict-transport-security', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
      expect(res.headers.get(other), other).toBeNull();
    }
  });

  it('sends the sign-in link page, whose address holds a secret, with same-origin referrers and every page’s headers', async () => {
    const w = world();
    const vera = await createUser(w.ctx, w.admin, { name: 'Vera Volunteer', roles: [{ role: 'translator', locale: 'fr' }] });
    const link = await createSignInLink(w.ctx, w.admin, vera.id);
    const res = await appOf(w).request(link.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('content-security-policy')).toBe(pagePolicy);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
