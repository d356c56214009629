/**
 * The placeholders of a translation cannot be broken while editing: Backspace or Delete with
 * the caret inside a tag, or typing over a selection across a closing tag, leaves the text
 * (and its tags) as it was and says why, politely; an ordinary edit between the tags is
 * kept and saves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'wells';
const markdown = '# Wells\n\nWe dug **12 wells** in March.\n';
const kept = 'Nous avons creusé <g id="1">12 puits</g> en mars.';
const guardMessage = 'Placeholders cannot be changed or split by editing; that edit was undone. Use the buttons to insert them.';

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
let page: Page;

function segment(n: number) {
  return page.locator('section.segment').nth(n - 1);
}

/** The parts of a textarea used here (the tests are type-checked without the DOM's types). */
interface TextField {
  selectionStart: number;
  selectionEnd: number;
  setSelectionRange(start: number, end: number): void;
}

async function select(area: Locator, start: number, end: number) {
  await area.focus();
  await area.evaluate((el, [s, e]) => (el as unknown as TextField).setSelectionRange(s!, e!), [start, end]);
}

const selection = (area: Locator) => area.evaluate((el) => [(el as unknown as TextField).selectionStart, (el as unknown as TextField).selectionEnd]);

describe.skipIf(!chromiumAvailable)('placeholder tags kept whole while editing', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    const translator = await world.person('Tariq Translator', [{ role: 'translator', locale: 'fr' }]);
    const publisherPage = await signIn(await chromium.person(), world.url, publisher, watched);
    await publisherPage.getByLabel('Markdown file').setInputFiles({ name: 'Wells.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await publisherPage.getByLabel('Slug').fill(slug);
    await publisherPage.getByRole('button', { name: 'Import' }).click();
    await publisherPage.locator(`tr[data-slug="${slug}"]`).waitFor();
    page = await signIn(await chromium.person(), world.url, translator, watched);
    await page.getByLabel('Another language (e.g. fr)').fill('fr');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(/\/translate\/fr$/);
    await page.getByRole('button', { name: 'Start translating' }).click();
    await segment(2).locator('textarea').waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('refuses Backspace and Delete inside a tag and typing over a closing tag, then keeps an ordinary edit', async () => {
    const area = segment(2).locator('textarea');
    const guard = segment(2).locator('.placeholder-guard');
    expect(await guard.getAttribute('role')).toBe('status');
    expect(await guard.getAttribute('aria-live')).toBe('polite');
    expect((await area.getAttribute('aria-describedby'))!.split(' ')).toContain(await guard.getAttribute('id'));
    await area.fill(kept);
    expect(await area.inputValue()).toBe(kept);
    expect(await guard.textContent()).toBe('');

    // The caret inside <g id="1">: Backspace and Delete change nothing, and say why.
    const insideOpen = kept.indexOf('<g id="1">') + 4;
    await select(area, insideOpen, insideOpen);
    await page.keyboard.press('Backspace');
    expect(await area.inputValue()).toBe(kept);
    expect(await guard.textContent()).toBe(guardMessage);
    expect(await selection(area)).toEqual([insideOpen, insideOpen]);
    await page.keyboard.press('Delete');
    expect(await area.inputValue()).toBe(kept);
    expect(await guard.textContent()).toBe(guardMessage);

    // The caret just after the closing tag: Backspace would cut it.
    const afterClose = kept.indexOf('</g>') + 4;
    await select(area, afterClose, afterClose);
    await page.keyboard.press('Backspace');
    expect(await area.inputValue()).toBe(kept);

    // A selection across </g>, typed over.
    const across = [kept.indexOf('</g>') - 3, kept.indexOf('</g>') + 6] as const;
    await select(area, across[0], across[1]);
    await page.keyboard.type('x');
    expect(await area.inputValue()).toBe(kept);
    expect(await selection(area)).toEqual([across[0], across[1]]);
    expect(await guard.textContent()).toBe(guardMessage);
    await page.screenshot({ path: screenshotPath('placeholder-guard'), fullPage: true });
    expect(await unlabelledControls(page)).toEqual([]);

    // Ordinary edits between the tags are kept: typing, and deleting a letter of the words.
    const beforeClose = kept.indexOf('</g>');
    await select(area, beforeClose, beforeClose);
    await page.keyboard.type(' profondss');
    await page.keyboard.press('Backspace');
    const edited = 'Nous avons creusé <g id="1">12 puits profonds</g> en mars.';
    expect(await area.inputValue()).toBe(edited);
    expect(await guard.textContent()).toBe('');

    await segment(2).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => segment(2).locator('.save-status').textContent()).toBe('Saved.');
    expect(await segment(2).locator('.state').textContent()).toBe('translated');
    await page.reload();
    expect(await segment(2).locator('textarea').inputValue()).toBe(edited);
  });

  it('no page had a console error, an uncaught error or a dialog', () => {
    expect(watched.problems).toEqual([]);
  });
});
