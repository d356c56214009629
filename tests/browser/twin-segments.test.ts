/**
 * Identical texts (issue 16): the front matter title and the H1 have the same source text.
 * Confirming the title's draft offers "Use the same text for segment 2", and one click saves it
 * as the H1's (the same edit, with the H1's version). With script in English and in Arabic
 * pages (right to left); without script the form posts, and so does the offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { adminToken, signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'clean-water';
const markdown = '---\ntitle: Clean water for Naba\n---\n\n# Clean water for Naba\n\nWe dug wells.\n';
let world: PagesWorld;
let chromium: RunningBrowser;
let translator: string;
const watched: PageWatch = { problems: [] };

type Seg = { id: string; state: string; text: string | null; machine: string | null };
const segmentsOf = async (locale: string) => ((await (await world.api(translator, 'GET', `/api/statements/${slug}/translations/${locale}`)).json()) as { segments: Seg[] }).segments;

describe.skipIf(!chromiumAvailable)('identical texts: the title and the H1', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    expect((await world.api(adminToken, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown })).status).toBe(201);
    translator = await world.person('Tariq Translator', ['fr', 'ar', 'es'].map((locale) => ({ role: 'translator', locale })));
    for (const locale of ['fr', 'ar', 'es']) {
      const job = (await (await world.api(translator, 'POST', `/api/statements/${slug}/drafts`, { locales: [locale], provider: 'pseudo' })).json()) as { id: string };
      await (await world.api(translator, 'GET', `/api/jobs/${job.id}/events`)).text(); // the stream ends with the job
    }
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it.each([
    { ui: 'en-GB', locale: 'fr', button: 'Use the same text for segment 2' },
    { ui: 'ar', locale: 'ar', button: 'استخدام النص نفسه للمقطع 2' },
  ])('confirming the title offers its text to the H1; one click saves it ($ui pages, $locale)', async ({ ui, locale, button }) => {
    const before = await segmentsOf(locale);
    const [title, h1] = before;
    // Both machine drafts (the same one): the H1 is not yet a person's text.
    expect([title!.state, h1!.state]).toEqual(['machine', 'machine']);
    const context = await chromium.person({ locale: ui });
    const page = await signIn(context, world.url, translator, watched);
    await page.goto(`${world.url}/statements/${slug}/translate/${locale}`);
    const titleSection = page.locator(`#seg-${title!.id}`);
    expect(await titleSection.locator('.twin-offers button').count()).toBe(0);
    await titleSection.locator('button.confirm').click();
    const offer = titleSection.getByRole('button', { name: button, exact: true });
    await offer.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`twin-offer-${ui}`), fullPage: false });
    await offer.click();
    await expect.poll(async () => (await segmentsOf(locale))[1]!.state).toBe('translated');
    const after = await segmentsOf(locale);
    expect(after[1]!.text).toBe(after[0]!.text);
    expect(after[0]!.text).toBe(title!.machine);
    // The H1's section says so in place; the offer is gone.
    await expect.poll(() => page.locator(`#seg-${h1!.id} .state`).getAttribute('data-state')).toBe('translated');
    expect(await titleSection.locator('.twin-offers button').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('without script: the confirm posts, the page offers the H1 the same text, and its button posts it', async () => {
    const [title, h1] = await segmentsOf('es');
    const signedIn = await chromium.person();
    await signIn(signedIn, world.url, translator, watched);
    const context = await chromium.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await context.addCookies(await signedIn.cookies());
    const page = await context.newPage();
    await page.goto(`${world.url}/statements/${slug}/translate/es`);
    await page.locator(`#seg-${title!.id}`).getByRole('button', { name: 'Confirm as is' }).click();
    await page.waitForURL(/saved=.*done=saved/);
    await page.locator(`#seg-${title!.id}`).getByRole('button', { name: 'Use the same text for segment 2' }).click();
    await page.waitForURL(new RegExp(`#seg-${h1!.id}$`));
    const after = await segmentsOf('es');
    expect([after[1]!.state, after[1]!.text]).toEqual(['translated', after[0]!.text]);
    // Nothing left to offer: the texts are the same.
    expect(await page.locator('.twin-offers button').count()).toBe(0);
    await context.close();
    await signedIn.close();
  }, 60_000);

  it('the pages said nothing they should not have', () => {
    expect(watched.problems.filter((p) => !p.includes("Content Security Policy directive 'style-src 'self''"))).toEqual([]);
  });
});
