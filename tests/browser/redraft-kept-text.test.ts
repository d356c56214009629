/**
 * A stale segment drafted again, seen by people: the translate page keeps the translator's
 * text in the editor, shows the new machine draft beside it with a button that puts it in the
 * editor, and what changed in the source as a word diff; the review page shows the same
 * change and the new draft beside the kept text. No console error on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pseudoText } from '../../src/mt/pseudo.ts';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'water-points';
const oldParagraph = 'We repaired twelve wells in March.';
const newParagraph = 'We repaired fourteen wells in March and April.';
const markdown = (p: string) => `# Water points\n\n${p}\n\nThe district council paid for the pumps.\n`;
const kept = `ES ${oldParagraph}`;

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
let translator: string;
let reviewer: string;

type Seg = { id: string; source: string; version: number; state: string };

describe.skipIf(!chromiumAvailable)('a stale segment drafted again', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    translator = await world.person('Tomás Traductor', [{ role: 'translator', locale: 'es' }]);
    reviewer = await world.person('Rosa Revisora', [{ role: 'reviewer', locale: 'es' }]);
    expect((await world.api(publisher, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: markdown(oldParagraph) })).status).toBe(201);
    const draft = async () => {
      const job = (await (await world.api(translator, 'POST', `/api/statements/${slug}/drafts`, { locales: ['es'], provider: 'pseudo' })).json()) as { id: string };
      await (await world.api(translator, 'GET', `/api/jobs/${job.id}/events`)).text(); // the stream ends with the job
    };
    await draft();
    const base = `/api/statements/${slug}/translations/es`;
    const segments = ((await (await world.api(translator, 'GET', base)).json()) as { segments: Seg[] }).segments;
    for (const s of segments) {
      expect((await world.api(translator, 'PUT', `${base}/segments/${s.id}`, { text: `ES ${s.source}` }, { 'if-match': String(s.version) })).status).toBe(200);
    }
    expect((await world.api(publisher, 'PUT', `/api/statements/${slug}/source`, { markdown: markdown(newParagraph) }, { 'if-match': '"1"' })).status).toBe(200);
    await draft();
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  const staleSegment = (page: Page) => page.locator('section.segment', { has: page.locator('[data-state="stale"]') });

  it('review page: the source change as a word diff, the new draft beside the kept text', async () => {
    const page = await signIn(await chromium.person(), world.url, reviewer, watched);
    await page.goto(`${world.url}/statements/${slug}/review/es`);
    const segment = staleSegment(page);
    expect(await segment.count()).toBe(1);
    expect(await segment.locator('.submission').textContent()).toBe(kept);
    expect(await segment.getByRole('heading', { name: 'New machine draft (of the changed source)' }).count()).toBe(1);
    expect(await segment.locator('.machine').textContent()).toBe(pseudoText(newParagraph));
    const diff = segment.locator('.source-diff');
    expect(await diff.locator('del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('twelve')]));
    expect(await diff.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('fourteen')]));
    await page.screenshot({ path: screenshotPath('review-redrafted-stale'), fullPage: true });
  });

  it('translate page: the kept text in the editor, the new draft beside it, the source change as a word diff; the draft fills the editor', async () => {
    const page = await signIn(await chromium.person(), world.url, translator, watched);
    await page.goto(`${world.url}/statements/${slug}/translate/es`);
    expect(await staleSegment(page).count()).toBe(1);
    const segment = page.locator(`section.segment[data-segment="${await staleSegment(page).getAttribute('data-segment')}"]`);
    // The form's textarea holds the canonical text; the person types into the editor mounted over it.
    const area = segment.locator('form.segment-form textarea');
    const editor = segment.locator('.segment-editor .cm-content');
    expect(await area.inputValue()).toBe(kept);
    expect(await segment.locator('.kept-text').textContent()).toMatch(/kept as it was/);
    expect(await segment.getByRole('heading', { name: 'New machine draft (of the changed source)' }).count()).toBe(1);
    expect(await segment.locator('.machine').textContent()).toBe(pseudoText(newParagraph));
    const diff = segment.locator('.source-diff');
    expect(await diff.locator('del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('twelve')]));
    expect(await diff.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('fourteen')]));
    expect(await diff.textContent()).toContain('wells in March');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('translate-redrafted-stale'), fullPage: true });

    await segment.getByRole('button', { name: 'Use this draft, segment 2' }).click();
    expect(await area.inputValue()).toBe(pseudoText(newParagraph));
    // The focus is in the segment's editor (inside its shadow root, so :focus matches host and content).
    expect(await segment.locator('.segment-editor :focus').count()).toBeGreaterThan(0);
    await editor.fill(`ES ${newParagraph}`);
    expect(await area.inputValue()).toBe(`ES ${newParagraph}`);
    await segment.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => segment.locator('.save-status').textContent()).toBe('Saved.');
    expect(await segment.locator('.state').getAttribute('data-state')).toBe('translated');
    expect(watched.problems).toEqual([]);
  });
});
