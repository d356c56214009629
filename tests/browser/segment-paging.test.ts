/**
 * A statement with more segments than a page: the translate and review pages show 50 at a
 * time, numbered in the whole statement, with a page navigation a person can name and use
 * (previous, numbered pages, next; the page shown marked current); the page is in the URL and
 * a save returns to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { largeStatement } from '../fixtures/large-statement.ts';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { adminToken, signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'long-statement';
let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
let page: Page;

const headings = (p: Page) => p.locator('section.segment h2.segment-heading').allTextContents();

describe.skipIf(!chromiumAvailable)('segments a page at a time', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const created = await world.api(adminToken, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: largeStatement(120) });
    expect(created.status).toBe(201);
    const translator = await world.person('Tariq Translator', [{ role: 'translator', locale: 'fr' }, { role: 'reviewer', locale: 'fr' }]);
    page = await signIn(await chromium.person(), world.url, translator, watched);
    await page.goto(`${world.url}/statements/${slug}/translate/fr`);
    await page.getByRole('button', { name: 'Start translating' }).click();
    await page.locator('section.segment').first().waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('shows the first 50 segments and a navigation to the three pages', async () => {
    expect(await page.locator('section.segment').count()).toBe(50);
    const top = page.getByRole('navigation', { name: 'Segment pages', exact: true });
    await expect.poll(() => top.getByRole('link', { name: 'Page 1 of 3' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.segment-range').first().textContent()).toBe('Segments 1–50 of 120');
    expect(await top.getByRole('link', { name: 'Previous page' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Segment pages, at the end' }).count()).toBe(1);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('translate-paged'), fullPage: false });
  });

  it('goes to the next page (kept in the URL), numbering segments in the whole statement, and a save stays there', async () => {
    await page.getByRole('navigation', { name: 'Segment pages', exact: true }).getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/\/translate\/fr\?page=2$/);
    const shown = await headings(page);
    expect(shown).toHaveLength(50);
    expect(shown[0]).toMatch(/^Segment 51\b/);
    expect(shown[49]).toMatch(/^Segment 100\b/);
    // The segment's editor, as a person finds it (the textarea under it is hidden from them).
    const area = page.getByRole('textbox', { name: 'Your translation, segment 52', exact: true });
    await area.fill('Clause 51 vaut partout.');
    const section = page.locator('section.segment').nth(1);
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => section.locator('.save-status').textContent()).toBe('Saved.');
    await page.reload();
    expect(page.url()).toMatch(/\?page=2$/);
    expect(await page.locator('section.segment').nth(1).locator('form.segment-form textarea').inputValue()).toBe('Clause 51 vaut partout.');
    expect(await page.getByRole('textbox', { name: 'Your translation, segment 52', exact: true }).textContent()).toBe('Clause 51 vaut partout.');
    await page.getByRole('navigation', { name: 'Segment pages, at the end' }).getByRole('link', { name: 'Page 3 of 3' }).click();
    await page.waitForURL(/\?page=3$/);
    expect(await page.locator('section.segment').count()).toBe(20);
    expect(await page.locator('.segment-range').first().textContent()).toBe('Segments 101–120 of 120');
    expect(await page.getByRole('navigation', { name: 'Segment pages', exact: true }).getByRole('link', { name: 'Next page' }).count()).toBe(0);
  });

  it('pages the review page alike; a page past the last shows the last', async () => {
    await page.goto(`${world.url}/statements/${slug}/review/fr?page=99`);
    expect(await page.locator('section.segment').count()).toBe(20);
    const nav = page.getByRole('navigation', { name: 'Segment pages', exact: true });
    expect(await nav.getByRole('link', { name: 'Page 3 of 3' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Previous page' }).click();
    await page.waitForURL(/\/review\/fr\?page=2$/);
    expect((await headings(page))[1]).toMatch(/^Segment 52\b/);
    expect(await page.locator('section.segment').nth(1).locator('.submission').textContent()).toContain('Clause 51 vaut partout.');
    expect(watched.problems).toEqual([]);
  });
});
