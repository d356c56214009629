/**
 * Comment threads both ways in a real browser (issue 16): a reviewer (English pages) asks on a
 * segment and requests changes with a comment; the translator (Arabic pages, right to left)
 * sees both in the segment's thread on the translate page and replies; the reviewer sees the
 * reply. Screenshotted, every control labelled, no console errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'thread-talk';
let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
const people: Record<string, { context: BrowserContext; page: Page }> = {};

async function check(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  expect(await unlabelledControls(page), `${name}: unlabelled controls`).toEqual([]);
}

const thread = (page: Page, n: number) => page.locator('section.segment').nth(n - 1).locator('section.comment-thread');

describe.skipIf(!chromiumAvailable)('comment threads in a browser', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    const translator = await world.person('Amal Translator', [{ role: 'translator', locale: 'ar' }]);
    const reviewer = await world.person('Rita Reviewer', [{ role: 'reviewer', locale: 'ar' }]);
    expect((await world.api(publisher, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: '# Clean water\n\nWe dug 12 wells.\n' })).status).toBe(201);
    const segments = ((await (await world.api(translator, 'GET', `/api/statements/${slug}`)).json()) as { segments: { id: string }[] }).segments;
    for (const [i, text] of ['مياه نظيفة', 'حفرنا 12 بئرا.'].entries()) {
      const res = await world.api(translator, 'PUT', `/api/statements/${slug}/translations/ar/segments/${segments[i]!.id}`, { text }, { 'if-match': '1' });
      expect(res.status).toBe(200);
    }
    people.reviewer = { context: await chromium.person(), page: undefined as unknown as Page };
    people.reviewer.page = await signIn(people.reviewer.context, world.url, reviewer, watched);
    people.translator = { context: await chromium.person({ locale: 'ar' }), page: undefined as unknown as Page };
    people.translator.page = await signIn(people.translator.context, world.url, translator, watched);
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('the reviewer asks on a segment and requests changes with a comment', async () => {
    const { page } = people.reviewer!;
    await page.goto(`${world.url}/statements/${slug}/review/ar`);
    await page.getByLabel('Comment on segment 2').fill('Is 12 written as in the source?');
    await thread(page, 2).getByRole('button', { name: 'Send comment' }).click();
    await expect.poll(() => thread(page, 2).locator('li.comment').count()).toBe(1);
    const second = page.locator('section.segment').nth(1);
    await second.locator('form.decision-form input[name=comment]').fill('Use Arabic-Indic digits');
    await second.getByRole('button', { name: /request changes/i }).click();
    await expect.poll(() => thread(page, 2).locator('li.comment').count()).toBe(2);
    expect(await thread(page, 2).locator('li.comment-request_changes .comment-text').textContent()).toBe('Use Arabic-Indic digits');
    expect(await thread(page, 1).locator('li.comment').count()).toBe(0);
    await check(page, 'comments-reviewer-asks');
  });

  it('the translator sees both in Arabic, right to left, and replies', async () => {
    const { page } = people.translator!;
    await page.goto(`${world.url}/statements/${slug}/translate/ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const t2 = thread(page, 2);
    expect(await t2.locator('h3').textContent()).toBe('التعليقات، المقطع 2');
    expect(await t2.locator('.comment-text').allTextContents()).toEqual(['Is 12 written as in the source?', 'Use Arabic-Indic digits']);
    expect(await t2.locator('.comment-author').first().textContent()).toBe('Rita Reviewer (مراجع)');
    expect(await t2.locator('.comment-kind').textContent()).toBe('طُلبت تعديلات');
    await page.getByLabel('علّق على المقطع 2').fill('صحّحتُ الأرقام: ١٢');
    await t2.getByRole('button', { name: 'أرسل التعليق' }).click();
    await expect.poll(() => thread(page, 2).locator('li.comment').count()).toBe(3);
    expect(await thread(page, 2).locator('li.comment').last().getAttribute('data-role')).toBe('translator');
    await check(page, 'comments-translator-replies-ar');
  });

  it('the reviewer sees the reply, and the history lists every comment; nobody saw an error', async () => {
    const { page } = people.reviewer!;
    await page.goto(`${world.url}/statements/${slug}/review/ar`);
    expect(await thread(page, 2).locator('.comment-text').last().textContent()).toBe('صحّحتُ الأرقام: ١٢');
    expect(await thread(page, 2).locator('.comment-author').last().textContent()).toBe('Amal Translator (translator)');
    await check(page, 'comments-reviewer-reads-reply');
    await page.goto(`${world.url}/statements/${slug}/history`);
    expect(await page.locator('.history-comments li .comment-text').allTextContents()).toEqual(['Is 12 written as in the source?', 'Use Arabic-Indic digits', 'صحّحتُ الأرقام: ١٢']);
    await check(page, 'comments-history');
    expect(watched.problems).toEqual([]);
  });
});
