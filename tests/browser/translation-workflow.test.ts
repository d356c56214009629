/**
 * The scenario in a real browser: a publisher imports a statement; a translator signs
 * in, asks for machine drafts (progress shown live), edits three segments (one in Arabic,
 * one through the placeholder buttons, one refused first for a broken placeholder), saves
 * and submits; the translator's own approval is refused (four eyes); a second person reviews,
 * requests a change, the translator fixes it, the reviewer approves; the publisher publishes
 * with an embargo in the past; the published editions are fetched. Every page is
 * screenshotted, labelled, free of console errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'clean-water';
const markdown = '# Clean water for 300 families\n\nWe dug **12 wells** in March.\n\nRead the [full report](https://example.org/report).\n';

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
const tokens: Record<string, string> = {};
const people: Record<string, { context: BrowserContext; page: Page }> = {};

async function check(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  expect(await unlabelledControls(page), `${name}: unlabelled controls`).toEqual([]);
}

function segment(page: Page, n: number) {
  return page.locator('section.segment').nth(n - 1);
}

/** Every date a page shows: its instant (the datetime attribute) and the words a person reads. */
function datesShown(page: Page, selector = 'time') {
  return page.locator(selector).evaluateAll((els) => els.map((e) => ({ datetime: e.getAttribute('datetime'), text: e.textContent })));
}

/** How the pages write an instant for a language (medium date, short time, in UTC). */
const written = (iso: string, lang: string) => `${new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;

async function save(page: Page, n: number, text: string) {
  const row = segment(page, n);
  await row.locator('.segment-editor .cm-content').fill(text);
  await row.getByRole('button', { name: /^(Save|Enregistrer|حفظ)$/ }).click();
}

describe.skipIf(!chromiumAvailable)('translators, reviewers and publishers in a browser', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    tokens.publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    tokens.translator = await world.person('Tariq Translator', [
      { role: 'translator', locale: 'fr' },
      { role: 'translator', locale: 'ar' },
      { role: 'reviewer', locale: 'fr' },
    ]);
    tokens.reviewer = await world.person('Rita Reviewer', [{ role: 'reviewer', locale: 'fr' }, { role: 'reviewer', locale: 'ar' }]);
    for (const name of ['publisher', 'translator', 'reviewer']) {
      const context = await chromium.person();
      people[name] = { context, page: await signIn(context, world.url, tokens[name]!, watched) };
    }
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('the publisher imports a Markdown file from the statements page', async () => {
    const { page } = people.publisher!;
    await page.getByLabel('Markdown file').setInputFiles({ name: 'Clean Water.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain(`Imported ${slug}`);
    await expect.poll(() => page.locator(`tr[data-slug="${slug}"] .title`).textContent()).toBe('Clean water for 300 families');
    await page.getByLabel('Search by title').fill('water');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('tr[data-slug]').count()).toBe(1);
    await page.getByLabel('Search by title').fill('nothing like it');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('tr[data-slug]').count()).toBe(0);
  });

  it('the translator asks for machine drafts and sees their progress live', async () => {
    const { page } = people.translator!;
    for (const locale of ['fr', 'ar']) {
      await page.goto(`${world.url}/statements`);
      await page.getByLabel('Another language (e.g. fr)').fill(locale);
      await page.getByRole('button', { name: 'Open' }).click();
      await page.waitForURL(new RegExp(`/translate/${locale}$`));
      await page.getByLabel('Machine translation').selectOption('pseudo');
      await page.getByRole('button', { name: 'Request machine drafts' }).click();
      await page.waitForURL(/\?job=/);
      await expect.poll(() => page.locator('.job-status').getAttribute('data-status')).toBe('done');
      expect(await page.locator('.job-status').textContent()).toBe('Done: 3 of 3 segments drafted.');
      await page.getByRole('link', { name: 'Show the drafts' }).click();
      await page.waitForURL(new RegExp(`/translate/${locale}$`));
      expect(await page.locator('section.segment .state').allTextContents()).toEqual(['machine draft', 'machine draft', 'machine draft']);
    }
  });

  it('the translator edits three segments (one in Arabic), keeps the placeholders and submits', async () => {
    const { page } = people.translator!;
    await page.goto(`${world.url}/statements/${slug}/translate/fr`);
    // The source's placeholders show as chips.
    expect(await segment(page, 2).locator('.source .chip').count()).toBe(2);
    expect(await segment(page, 2).locator('form.segment-form textarea').getAttribute('dir')).toBe('ltr');

    await save(page, 1, 'De l’eau potable pour 300 familles');
    await expect.poll(() => segment(page, 1).locator('.save-status').textContent()).toBe('Saved.');
    expect(await segment(page, 1).locator('.state').textContent()).toBe('translated');

    // A broken placeholder is refused with a clear message; nothing is saved.
    // (The editor refuses to break a pair; the text is put in the form as it is posted, with an input event the editor takes.)
    await segment(page, 2)
      .locator('form.segment-form textarea')
      .evaluate((el, value) => {
        const area = el as unknown as { value: string; dispatchEvent(event: Event): boolean };
        area.value = value;
        area.dispatchEvent(new Event('input', { bubbles: true }));
      }, 'Nous avons creusé <g id="1">12 puits en mars.');
    await segment(page, 2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => segment(page, 2).locator('.save-status').textContent()).toContain('placeholders of the source are not all kept');
    expect(await segment(page, 2).locator('.state').textContent()).toBe('machine draft');

    // Typed with the keyboard, the placeholder inserted with its button around the words.
    const editor = page.getByRole('textbox', { name: 'Your translation, segment 2', exact: true });
    await editor.fill('Nous avons creusé ');
    await editor.press('End');
    await segment(page, 2).getByRole('button', { name: 'Insert placeholder 1' }).click();
    await page.keyboard.type('12 puits');
    await editor.press('End');
    await page.keyboard.type(' en mars.');
    expect(await segment(page, 2).locator('form.segment-form textarea').inputValue()).toBe('Nous avons creusé <g id="1">12 puits</g> en mars.');
    await segment(page, 2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => segment(page, 2).locator('.save-status').textContent()).toBe('Saved.');

    // The third keeps the machine's draft, confirmed by saving it.
    await segment(page, 3).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => segment(page, 3).locator('.state').textContent()).toBe('translated');
    await check(page, 'translate-fr');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toBe('Submitted for review.');

    await page.goto(`${world.url}/statements/${slug}/translate/ar`);
    expect(await segment(page, 1).locator('form.segment-form textarea').getAttribute('dir')).toBe('rtl');
    expect(await segment(page, 1).locator('form.segment-form textarea').getAttribute('lang')).toBe('ar');
    await save(page, 1, 'مياه نظيفة لـ 300 أسرة');
    await expect.poll(() => segment(page, 1).locator('.save-status').textContent()).toBe('Saved.');
    for (const n of [2, 3]) {
      await segment(page, n).getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => segment(page, n).locator('.state').textContent()).toBe('translated');
    }
    await check(page, 'translate-ar');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toBe('Submitted for review.');
  });

  it('nobody approves their own text: four eyes, shown clearly', async () => {
    const { page } = people.translator!;
    await page.goto(`${world.url}/statements/${slug}/review/fr`);
    expect(await page.locator('.own-text').count()).toBe(3);
    await page.getByRole('button', { name: 'Approve all' }).click();
    const alert = page.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('four_eyes');
    expect(await alert.textContent()).toContain('You wrote this text, so someone else must approve it.');
  });

  it('the reviewer compares, back-translates and requests a change; the translator fixes it; the reviewer approves', async () => {
    const reviewer = people.reviewer!.page;
    await reviewer.goto(`${world.url}/statements/${slug}/review/fr`);
    // The word diff of machine → human: the human words inserted, the machine's removed.
    expect(await segment(reviewer, 1).locator('.word-diff ins').allTextContents()).toEqual(['De l’eau potable pour', 'familles']);
    expect(await segment(reviewer, 1).locator('.word-diff del').count()).toBeGreaterThan(0);
    expect(await segment(reviewer, 3).locator('.word-diff').textContent()).toBe('Exactly as the machine wrote it.');
    await reviewer.getByLabel('Back-translate with').selectOption('pseudo');
    await reviewer.getByRole('button', { name: 'Show back-translations' }).click();
    await expect.poll(() => segment(reviewer, 1).locator('.back-translation').textContent()).toMatch(/300/);
    await check(reviewer, 'review-fr');

    await segment(reviewer, 2).getByLabel('Comment (optional)').fill('« foré », pas « creusé »');
    await reviewer.getByRole('button', { name: 'Request changes to segment 2' }).click();
    await expect.poll(() => reviewer.locator('[role=status]').first().textContent()).toBe('Changes requested.');
    expect(await segment(reviewer, 2).locator('.state').textContent()).toBe('changes requested');

    const translator = people.translator!.page;
    await translator.goto(`${world.url}/statements/${slug}/translate/fr`);
    expect(await segment(translator, 2).locator('.state').textContent()).toBe('changes requested');
    await save(translator, 2, 'Nous avons foré <g id="1">12 puits</g> en mars.');
    await expect.poll(() => segment(translator, 2).locator('.state').textContent()).toBe('translated');
    await translator.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => translator.locator('[role=status]').first().textContent()).toBe('Submitted for review.');

    for (const locale of ['fr', 'ar']) {
      await reviewer.goto(`${world.url}/statements/${slug}/review/${locale}`);
      await reviewer.getByRole('button', { name: 'Approve all' }).click();
      await expect.poll(() => reviewer.locator('[role=status]').first().textContent()).toBe('Approved.');
      expect(await reviewer.locator('section.segment .state').allTextContents()).toEqual(['approved', 'approved', 'approved']);
    }
    await check(reviewer, 'review-ar');
  });

  it('the publisher previews and publishes with an embargo in the past; readers get the editions', async () => {
    const { page } = people.publisher!;
    await page.goto(`${world.url}/statements/${slug}/publish`);
    // Previews as readers will see them, right to left for Arabic.
    expect(await page.locator('.preview[data-locale="ar"] article').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.preview[data-locale="ar"] article h1').textContent()).toContain('مياه نظيفة');
    expect(await page.locator('.preview[data-locale="fr"] article').getAttribute('dir')).toBe('ltr');
    expect(await page.getByLabel(/^fr /).isChecked()).toBe(true);
    expect(await page.getByLabel(/^ar /).isChecked()).toBe(true);
    // The source language is published with the others by default.
    expect(await page.getByLabel(/^en /).isChecked()).toBe(true);
    await page.getByLabel('Embargo until (UTC, optional)').fill('2020-01-01T08:00:00');
    await check(page, 'publish');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toBe('Published.');
    expect(await page.locator('ul.editions li').count()).toBe(3);
    const arEdition = page.locator('ul.editions li[data-locale="ar"]');
    expect(await arEdition.locator('time').nth(1).getAttribute('datetime')).toBe('2020-01-01T08:00:00.000Z');
    expect(await arEdition.textContent()).toContain(`visible from ${written('2020-01-01T08:00:00.000Z', 'en')}`);

    // The same editions for a publisher reading French: the dates are written the French way.
    const inFrench = await chromium.person({ locale: 'fr-FR' });
    const frPage = await signIn(inFrench, world.url, tokens.publisher!, watched);
    await frPage.goto(`${world.url}/statements/${slug}/publish`);
    expect(await frPage.locator('html').getAttribute('lang')).toBe('fr');
    const frEdition = frPage.locator('ul.editions li[data-locale="ar"]');
    expect(await frEdition.locator('time').nth(1).getAttribute('datetime')).toBe('2020-01-01T08:00:00.000Z');
    expect(await frEdition.locator('time').nth(1).textContent()).toBe('1 janv. 2020, 08:00 UTC');
    expect(await frEdition.textContent()).toContain('visible à partir du 1 janv. 2020, 08:00 UTC');
    const frDates = await datesShown(frPage);
    expect(frDates.length).toBe(6);
    for (const d of frDates) expect(d.text).toBe(written(d.datetime!, 'fr'));
    await check(frPage, 'publish-fr');
    await inFrench.close();

    const ar = await fetch(`${world.url}/published/${slug}/ar.html`);
    expect(ar.status).toBe(200);
    const html = await ar.text();
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(html).toContain('<article lang="ar" dir="rtl">');
    expect(html).toContain('مياه نظيفة لـ');
    const fr = await (await fetch(`${world.url}/published/${slug}/fr.md`)).text();
    expect(fr).toContain('Nous avons foré **12 puits** en mars.');

    await page.goto(`${world.url}/published/${slug}/ar.html`);
    expect(await page.locator('article').getAttribute('dir')).toBe('rtl');
    await page.screenshot({ path: screenshotPath('published-ar'), fullPage: true });
  });

  it('the history shows every source revision and edition with diffs', async () => {
    const revised = await world.api(tokens.publisher!, 'PUT', `/api/statements/${slug}/source`, { markdown: `${markdown}\nA closing line.\n` }, { 'if-match': '"1"' });
    expect(revised.status).toBe(200);
    const { page } = people.publisher!;
    await page.goto(`${world.url}/statements/${slug}/history`);
    expect(await page.locator('li.revision').count()).toBe(2);
    expect(await page.locator('li.revision[data-revision="2"] ins').textContent()).toContain('A closing line.');
    expect(await page.locator('section.edition-locale').evaluateAll((els) => els.map((e) => e.getAttribute('data-locale')))).toEqual(['ar', 'en', 'fr']);
    const dates = await datesShown(page);
    expect(dates.length).toBe(6);
    for (const d of dates) {
      expect(d.datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(d.text).toBe(written(d.datetime!, 'en'));
    }
    await check(page, 'history');
    await page.goto(`${world.url}/statements`);
    expect(await page.locator(`tr[data-slug="${slug}"] .published`).count()).toBe(3);
    await check(page, 'statements');
  });

  it('signs out, and the pages are in French and in Arabic (right to left) when asked', async () => {
    const { page } = people.reviewer!;
    await page.goto(`${world.url}/statements`);
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.waitForURL(/\/statements$/);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('h1').textContent()).toBe('البيانات');
    await check(page, 'statements-ar');
    await page.goto(`${world.url}/statements/${slug}/history`);
    const history = await datesShown(page);
    // Two revisions, three editions (ar, en, fr), the reviewer's comment.
    expect(history.length).toBe(6);
    for (const d of history) expect(d.text).toBe(written(d.datetime!, 'ar'));
    await page.goto(`${world.url}/statements/${slug}/review/ar`);
    await check(page, 'review-ar-in-arabic');
    // Every instant written the Arabic way: the segments' histories and when the Arabic translation was submitted.
    for (const d of await datesShown(page)) expect(d.text).toBe(written(d.datetime!, 'ar'));
    const submitted = await datesShown(page, 'time:not(.segment-history time)');
    expect(submitted.length).toBe(1);
    expect(submitted[0]!.text).toBe(written(submitted[0]!.datetime!, 'ar'));
    expect(submitted[0]!.text).toMatch(/ [صم] UTC$/);
    expect(submitted[0]!.text).not.toContain(submitted[0]!.datetime!);
    expect(await page.locator('p.submitted-at').textContent()).toContain(`أُرسلت للمراجعة في ${submitted[0]!.text}`);
    await page.getByLabel('اللغة', { exact: true }).selectOption('fr');
    await page.getByRole('button', { name: 'تغيير' }).click();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('h1').textContent()).toContain('Relire');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await page.locator('[role=status]').textContent()).toBe('Vous êtes déconnecté·e.');
    await check(page, 'sign-in-fr');
    await page.goto(`${world.url}/statements`);
    expect(page.url()).toContain('/sign-in?next=%2Fstatements');
  });

  it('no page had a console error, an uncaught error or a dialog', () => {
    expect(watched.problems).toEqual([]);
  });
});
