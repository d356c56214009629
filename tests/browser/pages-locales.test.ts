/**
 * The pages' messages (namespace `pages`) exist in every language with the same keys and the
 * same {{placeholders}}; and the pages render in Spanish and in Persian (right to left) in a
 * real browser, from Accept-Language or from the language chooser, screenshotted.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, uiLanguages } from '../../src/i18n.ts';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { adminToken, signIn, startPagesWorld, unlabelledControls, watch, type PagesWorld, type PageWatch } from './support/pages-world.ts';

type Tree = { [key: string]: string | Tree };

const read = (lng: string) => JSON.parse(readFileSync(new URL(`../../locales/${lng}/pages.json`, import.meta.url), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const vars = (message: string) => [...message.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locales/*/pages.json', () => {
  const en = flatten(read('en'));

  it('is there for every language of the product', () => {
    expect(uiLanguages).toEqual(expect.arrayContaining(['en', 'fr', 'ar', 'es', 'fa']));
  });

  it.each(uiLanguages.filter((l) => l !== 'en'))('has every message in %s, translated, with the same placeholders', (lng) => {
    const other = flatten(read(lng));
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, message] of en) {
      expect(vars(other.get(key)!), `${lng} ${key}`).toEqual(vars(message));
      expect(other.get(key)!.trim(), `${lng} ${key}`).not.toBe('');
    }
    // Translated, not copied: most messages differ from the English ones.
    const same = [...en].filter(([key, message]) => other.get(key) === message && vars(message).length < 2).length;
    expect(same / en.size).toBeLessThan(0.1);
  });
});

const slug = 'water-wells';

describe.skipIf(!chromiumAvailable)('the pages in Spanish and Persian', () => {
  let world: PagesWorld;
  let chromium: RunningBrowser;
  let token: string;
  const watched: PageWatch = { problems: [] };

  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    // One statement per test, each test starting its own translation.
    for (const suffix of ['es', 'fa', 'chooser']) {
      const created = await world.api(adminToken, 'POST', '/api/statements', { slug: `${slug}-${suffix}`, sourceLocale: 'en', markdown: '# Water\n\nWe dug **12 wells** in March.\n' });
      expect(created.status).toBe(201);
    }
    token = await world.person('Parisa Translator', [{ role: 'translator', locale: 'fr' }, { role: 'reviewer', locale: 'fr' }]);
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  const htmlOf = async (page: Page) => ({
    lang: await page.locator('html').getAttribute('lang'),
    dir: await page.locator('html').getAttribute('dir'),
    direction: await page.evaluate<string>('getComputedStyle(document.body).direction'),
  });

  it.each([
    ['es', 'es-MX', 'ltr'],
    ['fa', 'fa-IR', 'rtl'],
  ] as const)('%s from Accept-Language (a browser set to %s): sign-in, statements and translate pages, %s', async (lng, browserLocale, dir) => {
    const t = translator(lng);
    const context = await chromium.person({ locale: browserLocale });
    try {
      const page = watch(await context.newPage(), watched);
      page.setDefaultTimeout(10_000);
      await page.goto(`${world.url}/sign-in`);
      expect(await htmlOf(page)).toEqual({ lang: lng, dir, direction: dir });
      expect(await page.locator('main h1').textContent()).toBe(t('pages:signIn.title'));
      expect(await page.getByLabel(t('pages:signIn.token'), { exact: true }).count()).toBe(1);
      await page.screenshot({ path: screenshotPath(`sign-in-${lng}`), fullPage: true });
      await page.getByLabel(t('pages:signIn.token'), { exact: true }).fill(token);
      await page.getByRole('button', { name: t('pages:signIn.submit'), exact: true }).click();
      await page.waitForURL(/\/statements/);

      expect(await htmlOf(page)).toEqual({ lang: lng, dir, direction: dir });
      expect(await page.locator('main h1').textContent()).toBe(t('pages:statements.title'));
      expect(await page.getByRole('button', { name: t('pages:layout.signOut'), exact: true }).count()).toBe(1);
      // The chooser names every language in itself.
      const names = await page.locator('#language-select option').allTextContents();
      expect(names).toEqual(expect.arrayContaining(['English', 'Français', 'العربية', 'Español', 'فارسی']));
      expect(await page.locator('#language-select option:checked').getAttribute('value')).toBe(lng);
      await page.screenshot({ path: screenshotPath(`statements-${lng}`), fullPage: true });

      await page.goto(`${world.url}/statements/${slug}-${lng}/translate/fr`);
      await page.getByRole('button', { name: t('pages:translate.start'), exact: true }).click();
      await page.locator('section.segment').first().waitFor();
      expect(await htmlOf(page)).toEqual({ lang: lng, dir, direction: dir });
      expect(await page.getByRole('button', { name: t('pages:segment.save'), exact: true }).count()).toBeGreaterThan(0);
      expect(await unlabelledControls(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath(`translate-${lng}`), fullPage: true });
    } finally {
      await context.close();
    }
    expect(watched.problems).toEqual([]);
  }, 60_000);

  it('switches to Persian from the language chooser, right to left, and keeps it', async () => {
    const context = await chromium.person({ locale: 'en-GB' });
    try {
      const page = await signIn(context, world.url, token, watched);
      expect(await htmlOf(page)).toEqual({ lang: 'en', dir: 'ltr', direction: 'ltr' });
      await page.locator('#language-select').selectOption('fa');
      await page.getByRole('button', { name: 'Change', exact: true }).click();
      await page.waitForLoadState('load');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fa');
      expect(await htmlOf(page)).toEqual({ lang: 'fa', dir: 'rtl', direction: 'rtl' });
      expect(await page.locator('main h1').textContent()).toBe(translator('fa')('pages:statements.title'));
      await page.goto(`${world.url}/statements/${slug}-chooser/history`);
      expect(await htmlOf(page)).toEqual({ lang: 'fa', dir: 'rtl', direction: 'rtl' });
      await page.screenshot({ path: screenshotPath('history-fa'), fullPage: true });
    } finally {
      await context.close();
    }
    expect(watched.problems).toEqual([]);
  }, 60_000);
});
