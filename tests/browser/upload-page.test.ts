/**
 * The upload page in a real browser, in Arabic (right to left): from the translate page, a
 * translator uploads a Markdown copy downloaded before a reviewer changed a segment on the web;
 * the page lists that segment as not taken (an earlier text of it) and the segment the file
 * fills with the source's text, each with its reason in Arabic; the reviewer's text stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'wells-upload';
const markdown = '# Wells\n\nA plain line.\n\nAnother line.\n';

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };

describe.skipIf(!chromiumAvailable)('the upload page in a browser', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
    expect(watched.problems).toEqual([]);
  });

  it('shows, in Arabic, the segments of an old copy that were not taken and why', async () => {
    const publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    const translator = await world.person('Tariq Translator', [{ role: 'translator', locale: 'fr' }]);
    const reviewer = await world.person('Rita Reviewer', [{ role: 'reviewer', locale: 'fr' }]);
    const api = async (token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
      const res = await world.api(token, method, path, body, headers);
      return { status: res.status, text: await res.text() };
    };
    expect((await api(publisher, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown })).status).toBe(201);
    const base = `/api/statements/${slug}/translations/fr`;
    // The first save, as a Markdown upload (world.api sends JSON).
    const first = await fetch(`${world.url}${base}`, { method: 'PUT', headers: { authorization: `Bearer ${translator}`, 'content-type': 'text/markdown' }, body: '# Wells\n\nUne ligne.\n\nAnother line.\n' });
    expect(first.status, await first.text()).toBe(200);
    const copy = (await api(translator, 'GET', `${base}.md`)).text;
    const segs = JSON.parse((await api(translator, 'GET', base)).text).segments as { id: string; version: number }[];
    expect((await api(reviewer, 'PUT', `${base}/segments/${segs[1]!.id}`, { text: 'Une ligne simple.' }, { 'if-match': String(segs[1]!.version) })).status).toBe(200);

    const context = await chromium.person({ locale: 'ar' });
    const page = await signIn(context, world.url, translator, watched);
    await page.goto(`${world.url}/statements/${slug}/translate/fr`);
    await page.locator(`a[href="/statements/${slug}/translate/fr/upload"]`).click();
    await page.waitForURL(/\/upload$/);
    await page.locator('#translation-file').setInputFiles({ name: 'wells.fr.md', mimeType: 'text/markdown', buffer: Buffer.from(copy.replace('# Wells', '# Puits')) });
    await page.locator('.upload-form button[type=submit]').click();
    await page.locator('.upload-not-taken').waitFor();
    expect(await page.locator('[role=status]').textContent()).toContain('تم الرفع');
    expect(await page.locator(`.upload-not-taken li[data-segment="${segs[1]!.id}"][data-reason=outdated] .reason`).textContent()).toBe('في ملفك نص سابق لهذا المقطع، لا نصه الحالي');
    expect(await page.locator(`.upload-not-taken li[data-segment="${segs[2]!.id}"][data-reason=source_text] .reason`).textContent()).toBe('في ملفك نص المصدر حيث لا ترجمة للمقطع بعد');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.screenshot({ path: screenshotPath('upload-not-taken-ar'), fullPage: true });
    expect(await unlabelledControls(page)).toEqual([]);
    const after = JSON.parse((await api(translator, 'GET', base)).text).segments as { text: string | null }[];
    expect(after.map((s) => s.text)).toEqual(['Puits', 'Une ligne simple.', null]);
    await context.close();
  }, 60_000);
});
