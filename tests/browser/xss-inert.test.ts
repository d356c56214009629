/**
 * Script payloads in a statement's source and in a translator's text stay inert on every
 * page: no inline script, no event-handler attribute, no javascript: URL reaches the DOM,
 * no payload runs, no dialog opens; the payloads show as text where they are text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { injectedScript, signIn, startPagesWorld, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'xss-payloads';
const source = [
  '---',
  'title: "<img src=x onerror=window.__xss=1>"',
  '---',
  '# Heading <script>window.__xss=2</script> with "quotes" & 3 ampersands',
  '',
  'A paragraph with <img src=x onerror="window.__xss=3"> inline HTML, a [link](javascript:window.__xss=4) and `<b onmouseover=x>` code.',
  '',
  '<div onclick="window.__xss=5">a block of HTML</div>',
  '',
].join('\n');
const typed = '</textarea><script>window.__xss=6</script><img src=x onerror=window.__xss=7> "><svg onload=window.__xss=8>';

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
let page: Page;
let reviewerToken: string;

describe.skipIf(!chromiumAvailable)('script payloads stay inert', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const all = await world.person('everyone', [{ role: 'publisher', locale: '*' }, { role: 'translator', locale: 'fr' }]);
    const reviewer = await world.person('reviewer', [{ role: 'reviewer', locale: 'fr' }]);
    expect((await world.api(all, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: source })).status).toBe(201);
    // The translator's text: each segment's source with the payload added (placeholders kept).
    expect((await world.api(all, 'POST', `/api/statements/${slug}/drafts`, { locales: ['fr'], provider: 'pseudo' })).status).toBe(202);
    page = await signIn(await chromium.person(), world.url, all, watched);
    reviewerToken = reviewer;
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('a translator saves a payload into every segment', async () => {
    await page.goto(`${world.url}/statements/${slug}/translate/fr`);
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('section.segment .state').allTextContents();
      }, { timeout: 10_000 })
      .not.toContain('untranslated');
    const rows = page.locator('section.segment');
    for (let i = 0; i < (await rows.count()); i++) {
      await page.goto(`${world.url}/statements/${slug}/translate/fr`);
      const row = page.locator('section.segment').nth(i);
      // The payload goes raw into the text the form posts, as a client without the editor would
      // send it (the editor writes a typed `<` as `&lt;`; the service must keep the raw one inert too).
      const area = row.locator('form.segment-form textarea');
      const text = `${await area.inputValue()} ${typed}`;
      await area.evaluate((el, value) => {
        (el as unknown as { value: string }).value = value;
      }, text);
      await row.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => row.locator('.save-status').textContent()).toBe('Saved.');
    }
    const t = await (await world.api(reviewerToken, 'GET', `/api/statements/${slug}/translations/fr`)).json() as { segments: { text: string }[] };
    expect(t.segments.every((s) => s.text.includes(typed))).toBe(true);
  });

  it.each([
    ['statements', '/statements'],
    ['search', '/statements?q=%3Cscript%3E'],
    ['translate', `/statements/${slug}/translate/fr`],
    ['review', `/statements/${slug}/review/fr?back=pseudo`],
    ['publish', `/statements/${slug}/publish`],
    ['history', `/statements/${slug}/history`],
    ['sign-in next', '/sign-in?next=javascript:alert(1)'],
  ])('on the %s page', async (name, path) => {
    await page.goto(`${world.url}${path}`);
    expect(await injectedScript(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`xss-${name.replace(/\s+/g, '-')}`), fullPage: true });
  });

  it('shows the payloads as text where they are text', async () => {
    await page.goto(`${world.url}/statements/${slug}/translate/fr`);
    expect(await page.locator('section.segment form.segment-form textarea').first().inputValue()).toContain(typed);
    expect(await page.locator('section.segment .source').first().textContent()).toBe('<img src=x onerror=window.__xss=1>');
    // Inline HTML of the source is a placeholder: a chip that names it in its title.
    expect(await page.locator('section.segment .source .chip[title="<script>"]').count()).toBe(1);
    await page.goto(`${world.url}/statements/${slug}/review/fr`);
    expect(await page.locator('section.segment .submission').first().textContent()).toContain(typed);
  });

  it('had no console error, uncaught error or dialog', () => {
    expect(watched.problems).toEqual([]);
  });
});
