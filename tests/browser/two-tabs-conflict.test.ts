/**
 * Optimistic locking seen from two tabs of one translator: the second save, made on a stale
 * version, is refused; the page shows both texts, keeps the unsaved one, and saves it over
 * the other only when asked. No console error on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, watch, type PagesWorld, type PageWatch } from './support/pages-world.ts';

let world: PagesWorld;
let chromium: RunningBrowser;
let context: BrowserContext;
const watched: PageWatch = { problems: [] };

describe.skipIf(!chromiumAvailable)('a conflict between two tabs', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const publisher = await world.person('publisher', [{ role: 'publisher', locale: '*' }]);
    const created = await world.api(publisher, 'POST', '/api/statements', { slug: 'two-tabs', sourceLocale: 'en', markdown: '# Two tabs\n\nOne paragraph of 2 lines.\n' });
    expect(created.status).toBe(201);
    const translator = await world.person('translator', [{ role: 'translator', locale: 'fr' }]);
    context = await chromium.person();
    const first = await signIn(context, world.url, translator, watched);
    await first.goto(`${world.url}/statements/two-tabs/translate/fr`);
    await first.getByRole('button', { name: 'Start translating' }).click();
    await first.waitForURL(/\/translate\/fr$/);
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('shows both texts, loses neither, and saves mine over theirs when asked', async () => {
    const url = `${world.url}/statements/two-tabs/translate/fr`;
    const [a, b] = [watch(await context.newPage(), watched), watch(await context.newPage(), watched)];
    await a.goto(url);
    await b.goto(url);
    const rowA = a.locator('section.segment').first();
    const rowB = b.locator('section.segment').first();

    await rowA.locator('.segment-editor .cm-content').fill('Deux onglets (A)');
    await rowA.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => rowA.locator('.save-status').textContent()).toBe('Saved.');

    await rowB.locator('.segment-editor .cm-content').fill('Deux onglets (B)');
    await rowB.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = rowB.locator('.conflict');
    await expect.poll(() => conflict.isVisible()).toBe(true);
    expect(await conflict.locator('.conflict-theirs').textContent()).toBe('Deux onglets (A)');
    expect(await conflict.locator('.conflict-mine').textContent()).toBe('Deux onglets (B)');
    expect(await rowB.locator('form.segment-form textarea').inputValue()).toBe('Deux onglets (B)');
    expect(await rowB.locator('.save-status').textContent()).toContain('Someone changed this segment');
    await b.screenshot({ path: screenshotPath('translate-conflict'), fullPage: true });

    await conflict.getByRole('button', { name: 'Save mine over theirs' }).click();
    await expect.poll(() => rowB.locator('.save-status').textContent()).toBe('Saved.');
    expect(await conflict.isVisible()).toBe(false);
    await a.reload();
    expect(await a.locator('section.segment form.segment-form textarea').first().inputValue()).toBe('Deux onglets (B)');

    // And the other way: tab A, now stale, takes theirs instead.
    await rowB.locator('.segment-editor .cm-content').fill('Deux onglets (B2)');
    await rowB.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => rowB.locator('.save-status').textContent()).toBe('Saved.');
    await rowA.locator('.segment-editor .cm-content').fill('Deux onglets (A2)');
    await rowA.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => rowA.locator('.conflict').isVisible()).toBe(true);
    await rowA.getByRole('button', { name: 'Take theirs' }).click();
    expect(await rowA.locator('form.segment-form textarea').inputValue()).toBe('Deux onglets (B2)');
    await rowA.locator('.segment-editor .cm-content').fill('Deux onglets (A3)');
    await rowA.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => rowA.locator('.save-status').textContent()).toBe('Saved.');
  });

  it('had no console error, uncaught error or dialog', () => {
    expect(watched.problems).toEqual([]);
  });
});
