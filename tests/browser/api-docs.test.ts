/**
 * The API reference at /docs in a real browser: Swagger UI from this origin renders the
 * service's own OpenAPI document under its Content-Security-Policy, with no request to any
 * other origin (it works offline) and nothing refused by the policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { startPagesWorld, watch, type PagesWorld, type PageWatch } from './support/pages-world.ts';

let world: PagesWorld;
let chromium: RunningBrowser;

describe.skipIf(!chromiumAvailable)('API reference (/docs)', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('renders the OpenAPI document from this origin only, nothing refused by its policy', async () => {
    const context = await chromium.person();
    const watched: PageWatch = { problems: [] };
    const page = watch(await context.newPage(), watched);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));" });
    const res = await page.goto(`${world.url}/docs`);
    expect(res!.status()).toBe(200);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Editions' }).waitFor();
    // An operation from the document, expanded: the UI works, not only its first paint.
    await page.locator('.opblock-summary-path', { hasText: '/api/webhooks' }).first().click();
    await page.locator('.opblock-body').first().waitFor();
    await page.screenshot({ path: screenshotPath('api-docs'), fullPage: false });
    await context.close();
    expect(watched.problems).toEqual([]);
    expect(requested.filter((u) => !u.startsWith(`${world.url}/`) && !u.startsWith('data:'))).toEqual([]);
    expect(requested).toContain(`${world.url}/openapi.json`);
  });
});
