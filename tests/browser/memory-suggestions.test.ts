/**
 * Translation memory on the translate page, for Arabic (no engine): drafts for a near copy of
 * a translated statement fill the matching segments from memory (shown as such), and the one
 * changed paragraph shows the similar approved text as a suggestion by default (no
 * `?suggestions=true`), with what differs in the source; one click puts it in the editor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const paragraphs = ['The depot at Tarsin opened today with 12,500 samples.', 'Volunteers from four villages catalogued every sample this spring.'];
const changed = 'Volunteers from five villages catalogued every sample this spring.';
const markdown = (list: readonly string[]) => `# Seed bank opens\n\n${list.join('\n\n')}\n`;
const arabic = ['افتتاح بنك البذور', 'افتتح مستودع طرسين اليوم وفيه 12,500 عينة.', 'فهرس متطوعون من أربع قرى كل عينة هذا الربيع.'];

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
let translator: string;

type Seg = { id: string; version: number };

describe.skipIf(!chromiumAvailable)('translation memory on the translate page', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    translator = await world.person('Tariq Mutarjim', [{ role: 'translator', locale: 'ar' }]);
    const reviewer = await world.person('Rania Muraji', [{ role: 'reviewer', locale: 'ar' }]);
    expect((await world.api(publisher, 'POST', '/api/statements', { slug: 'seeds-a', sourceLocale: 'en', markdown: markdown(paragraphs) })).status).toBe(201);
    const draftAndWait = async (slug: string) => {
      const job = (await (await world.api(translator, 'POST', `/api/statements/${slug}/drafts`, { locales: ['ar'] })).json()) as { id: string };
      await (await world.api(translator, 'GET', `/api/jobs/${job.id}/events`)).text(); // the stream ends with the job
    };
    await draftAndWait('seeds-a'); // nothing in memory yet: starts the translation, leaves it to people
    const base = '/api/statements/seeds-a/translations/ar';
    const segments = ((await (await world.api(translator, 'GET', base)).json()) as { segments: Seg[] }).segments;
    for (const [i, s] of segments.entries()) {
      expect((await world.api(translator, 'PUT', `${base}/segments/${s.id}`, { text: arabic[i] }, { 'if-match': String(s.version) })).status).toBe(200);
    }
    expect((await world.api(translator, 'POST', `${base}/submit`)).status).toBe(200);
    const etag = (await world.api(reviewer, 'GET', base)).headers.get('etag')!;
    expect((await world.api(reviewer, 'POST', `${base}/reviews`, { decision: 'approve', comment: 'ok' }, { 'if-match': etag })).status).toBe(200);
    expect((await world.api(publisher, 'POST', '/api/statements', { slug: 'seeds-b', sourceLocale: 'en', markdown: markdown([paragraphs[0]!, changed]) })).status).toBe(201);
    await draftAndWait('seeds-b');
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('shows memory fills as such and the near match as a suggestion that fills the editor', async () => {
    const page = await signIn(await chromium.person(), world.url, translator, watched);
    await page.goto(`${world.url}/statements/seeds-b/translate/ar`);
    const segments = page.locator('section.segment');
    expect(await segments.count()).toBe(3);
    for (const n of [0, 1]) {
      const s = segments.nth(n);
      expect(await s.getByRole('heading', { name: 'From translation memory' }).count()).toBe(1);
      expect(await s.locator('form.segment-form textarea').inputValue()).toBe(arabic[n]);
    }
    const open = segments.nth(2);
    expect(await open.locator('.state').getAttribute('data-state')).toBe('untranslated');
    const suggestion = open.locator('.suggestion');
    expect(await suggestion.count()).toBe(1);
    expect(await open.getByRole('heading', { name: 'Similar texts in translation memory' }).count()).toBe(1);
    expect(await suggestion.locator('.suggestion-meta').textContent()).toMatch(/^\d+% similar \(approved\)$/);
    expect(await suggestion.locator('.suggestion-text').textContent()).toBe(arabic[2]);
    expect(await suggestion.locator('.suggestion-source del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('four')]));
    expect(await suggestion.locator('.suggestion-source ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('five')]));
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('translate-memory-suggestion'), fullPage: true });

    const area = open.locator('form.segment-form textarea');
    expect(await area.inputValue()).toBe('');
    await open.getByRole('button', { name: 'Use suggestion 1, segment 3' }).click();
    expect(await area.inputValue()).toBe(arabic[2]);
    expect(watched.problems).toEqual([]);
  });
});
