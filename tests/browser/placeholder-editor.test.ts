/**
 * The translate page's editor (server/pages/client/editor.ts), in Chromium, in English (a
 * French translation) and in Arabic (the interface and the text right to left): placeholders
 * are atomic chips in the editor, in the one notation (kind icon, number, what it stands for),
 * that survive typing, Backspace/Delete into them, selecting across them, pasting text with and
 * without tags, undo/redo, moving (cut and paste) and keyboard insertion (Ctrl+Shift+digit, a
 * pair around the selection); the textarea (and so the saved text, read back through the API)
 * always holds the canonical text with every placeholder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { adminToken, signIn, startPagesWorld, unlabelledControls, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'wells';
const markdown = '# Wells\n\nWe dug **12 wells** near [the river](https://example.org/river) with `pumps`; write to <info@example.org>.\n';
const fr = 'Nous avons creusé <g id="1">12 puits</g> près de <g id="2">la rivière</g> avec <x id="3"/> ; écrire à <x id="4"/>.';
const ar = 'حفرنا <g id="1">12 بئرًا</g> قرب <g id="2">النهر</g> بواسطة <x id="3"/>؛ راسلونا على <x id="4"/>.';

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };

const segment = (page: Page, n: number) => page.locator('section.segment').nth(n - 1);
const wire = (page: Page) => segment(page, 2).locator('textarea[data-placeholders]').inputValue();
const content = (page: Page) => segment(page, 2).locator('.segment-editor .cm-content');
const guard = (page: Page) => segment(page, 2).locator('.placeholder-guard');

/** Puts the editor's selection at wire offsets (anchor, head) and focuses it. */
async function select(page: Page, anchor: number, head = anchor) {
  await segment(page, 2)
    .locator('textarea[data-placeholders]')
    .evaluate((el, [a, h]) => {
      const view = (el as unknown as { editionsEditor: { dispatch(s: unknown): void; focus(): void } }).editionsEditor;
      // Wire offsets to the editor's (its words unescaped).
      const value = (el as unknown as { value: string }).value;
      const at = (n: number) => value.slice(0, n).replace(/&(lt|gt|amp|quot|apos);/g, '_').length;
      view.dispatch({ selection: { anchor: at(a!), head: at(h!) } });
      view.focus();
    }, [anchor, head]);
}

/** The editor's selection, as wire offsets. */
const selection = (page: Page) =>
  segment(page, 2)
    .locator('textarea[data-placeholders]')
    .evaluate((el) => {
      const s = (el as unknown as { editionsEditor: { state: { selection: { main: { from: number; to: number } } } } }).editionsEditor.state.selection.main;
      return [s.from, s.to];
    });

/** Sets the text as the page's other script does (the editions:set contract). */
const setText = (page: Page, text: string) =>
  segment(page, 2)
    .locator('textarea[data-placeholders]')
    .evaluate((el, t) => el.dispatchEvent(new CustomEvent('editions:set', { detail: { text: t } })), text);

/** The browser's globals used in the page (the tests are type-checked without the DOM's types). */
type Clip = { setData(type: string, text: string): void; getData(type: string): string };
type PageGlobals = {
  DataTransfer: new () => Clip;
  ClipboardEvent: new (type: string, init: { clipboardData: Clip; bubbles: boolean; cancelable: boolean }) => object;
  getComputedStyle(el: unknown): { unicodeBidi: string; direction: string };
};

/** A paste of `text` into the focused editor, as the clipboard would deliver it. */
const paste = (page: Page, text: string) =>
  content(page).evaluate((el, t) => {
    const g = globalThis as unknown as PageGlobals;
    const data = new g.DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }) as Event);
  }, text);

/** A cut of the editor's selection; what went to the clipboard. */
const cut = (page: Page) =>
  content(page).evaluate((el) => {
    const g = globalThis as unknown as PageGlobals;
    const data = new g.DataTransfer();
    el.dispatchEvent(new g.ClipboardEvent('cut', { clipboardData: data, bubbles: true, cancelable: true }) as Event);
    return data.getData('text/plain');
  });

async function openTranslation(locale: string, browserLocale: string): Promise<Page> {
  const translator = await world.person(`Translator ${locale}`, [{ role: 'translator', locale }]);
  const page = await signIn(await chromium.person({ locale: browserLocale }), world.url, translator, watched);
  await page.goto(`${world.url}/statements/${slug}/translate/${locale}`);
  await segment(page, 2).locator('.segment-editor .cm-content').waitFor();
  return page;
}

/** Waits on a job's server-sent events until it is done. */
async function jobDone(job: string): Promise<void> {
  const res = await world.api(adminToken, 'GET', `/api/jobs/${job}/events`, undefined, { accept: 'text/event-stream' });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
    if (/"status":"(done|failed)"/.test(seen)) break;
  }
  await reader.cancel();
  expect(seen).toContain('"status":"done"');
}

async function savedText(locale: string): Promise<string> {
  const res = await world.api(adminToken, 'GET', `/api/statements/${slug}/translations/${locale}`);
  const body = (await res.json()) as { segments: { text: string | null }[] };
  return body.segments[1]!.text ?? '';
}

describe.skipIf(!chromiumAvailable)('placeholders as atomic chips in the editor', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const res = await world.api(adminToken, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown });
    expect(res.status).toBe(201);
    for (const locale of ['fr', 'ar']) {
      const drafts = await world.api(adminToken, 'POST', `/api/statements/${slug}/drafts`, { locales: [locale], provider: 'pseudo' });
      expect(drafts.status).toBe(202);
      const job = ((await drafts.json()) as { id: string }).id;
      await jobDone(job);
    }
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('in English: one notation, chips survive typing, deleting, selecting, pasting, undo, moving and keyboard insertion; the save keeps every placeholder', async () => {
    const page = await openTranslation('fr', 'en-GB');
    const guardMessage = 'Placeholders cannot be changed or split by editing; that edit was undone. Use the buttons to insert them.';
    // One notation: source, machine draft, insert buttons and editor chips read the same.
    expect(await segment(page, 2).locator('.source .chip').allTextContents()).toEqual(['𝐁 1', '/1', '🔗 2 example.org/river', '/2', '</> 3 pumps', '✉ 4 info@example.org']);
    expect(await segment(page, 2).locator('button.chip-insert').allTextContents()).toEqual(['𝐁 1 … /1', '🔗 2 example.org/river … /2', '</> 3 pumps', '✉ 4 info@example.org']);
    expect(await segment(page, 2).locator('.machine .chip').count()).toBe(6);
    await setText(page, fr);
    expect(await wire(page)).toBe(fr);
    expect(await content(page).locator('.chip').allTextContents()).toEqual(['𝐁 1', '/1', '🔗 2 example.org/river', '/2', '</> 3 pumps', '✉ 4 info@example.org']);
    expect(await content(page).locator('.chip').first().getAttribute('aria-label')).toBe('start of strong emphasis 1');
    expect(await content(page).locator('.chip').nth(2).getAttribute('title')).toBe('https://example.org/river');
    // The textarea stays in the form, hidden, out of the tab order.
    expect(await segment(page, 2).locator('textarea[data-placeholders]').getAttribute('tabindex')).toBe('-1');

    // Typing right after a chip, including characters that would be markup.
    const afterX3 = fr.indexOf('<x id="3"/>') + '<x id="3"/>'.length;
    await select(page, afterX3);
    await page.keyboard.type(' <b> & co');
    let text = fr.replace('<x id="3"/>', '<x id="3"/> &lt;b&gt; &amp; co');
    expect(await wire(page)).toBe(text);
    expect(await content(page).textContent()).toContain('</> 3 pumps <b> & co');
    // Backspace over "&" takes the character, never half an entity.
    for (let k = 0; k < ' co'.length + 1; k++) await page.keyboard.press('Backspace');
    text = fr.replace('<x id="3"/>', '<x id="3"/> &lt;b&gt; ');
    expect(await wire(page)).toBe(text);

    // Backspace into the closing chip of a pair, Delete into an opening one: refused, said politely.
    const afterClose1 = text.indexOf('</g>') + 4;
    await select(page, afterClose1);
    await page.keyboard.press('Backspace');
    expect(await wire(page)).toBe(text);
    expect(await guard(page).textContent()).toBe(guardMessage);
    await select(page, text.indexOf('<g id="2">'));
    await page.keyboard.press('Delete');
    expect(await wire(page)).toBe(text);
    // Moving across a chip takes one step: the caret never lands inside a tag.
    await select(page, text.indexOf('<g id="1">'));
    await page.keyboard.press('ArrowRight');
    expect(await selection(page)).toEqual([text.indexOf('<g id="1">') + '<g id="1">'.length, text.indexOf('<g id="1">') + '<g id="1">'.length]);

    // A selection across </g> and <g id="2">, typed over: refused, the selection kept.
    const across = [text.indexOf('puits'), text.indexOf('rivière')] as const;
    await select(page, across[0], across[1]);
    await page.keyboard.type('x');
    expect(await wire(page)).toBe(text);
    expect(await selection(page)).toEqual([across[0], across[1]]);
    expect(await guard(page).textContent()).toBe(guardMessage);
    // An ordinary edit clears the message.
    await select(page, text.indexOf('puits') + 'puits'.length);
    await page.keyboard.type(' profonds');
    text = text.replace('12 puits', '12 puits profonds');
    expect(await wire(page)).toBe(text);
    expect(await guard(page).textContent()).toBe('');

    // Backspace after a standalone chip deletes it whole; undo brings it back, redo removes it again.
    const x4 = text.indexOf('<x id="4"/>');
    await select(page, x4 + '<x id="4"/>'.length);
    await page.keyboard.press('Backspace');
    const without4 = text.replace('<x id="4"/>', '');
    expect(await wire(page)).toBe(without4);
    await page.keyboard.press('Control+z');
    expect(await wire(page)).toBe(text);
    await page.keyboard.press('Control+Shift+KeyZ');
    expect(await wire(page)).toBe(without4);
    await page.keyboard.press('Control+z');
    expect(await wire(page)).toBe(text);

    // Moving a chip: cut it (whole), paste it elsewhere.
    await select(page, x4, x4 + '<x id="4"/>'.length);
    expect(await cut(page)).toBe('<x id="4"/>');
    expect(await wire(page)).toBe(without4);
    await select(page, 0);
    await paste(page, '<x id="4"/>');
    text = `<x id="4"/>${without4}`;
    expect(await wire(page)).toBe(text);
    expect(await content(page).locator('.chip').first().textContent()).toBe('✉ 4 info@example.org');

    // Pasting plain text with markup characters: escaped; pasting tags already there, unknown or half: dropped.
    await select(page, text.length - 1);
    await paste(page, ' a < b & <x id="3"/><g id="2">dup</g><x id="9"/><g id="1">');
    text = `${text.slice(0, -1)} a &lt; b &amp; dup.`;
    expect(await wire(page)).toBe(text);

    // Keyboard insertion: Ctrl+Shift+3 after deleting chip 3; a pair around a selection.
    const x3 = text.indexOf('<x id="3"/>');
    await select(page, x3, x3 + '<x id="3"/>'.length);
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+Shift+Digit3');
    expect(await wire(page)).toBe(text);
    await page.keyboard.press('Control+Shift+Digit3'); // already there: refused
    expect(await wire(page)).toBe(text);
    expect(await guard(page).textContent()).toBe(guardMessage);
    const unwrapped = text.replace('<g id="1">', '').replace('</g>', '');
    await setText(page, unwrapped);
    expect(await wire(page)).toBe(unwrapped);
    const words = unwrapped.indexOf('12 puits profonds');
    await select(page, words, words + '12 puits profonds'.length);
    await page.keyboard.press('Control+Shift+Digit1');
    expect(await wire(page)).toBe(text);
    // editions:set is one undoable step.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    expect(await wire(page)).toBe(text);
    await select(page, 0);
    // The insert buttons go through the editor too: a second 1 is refused.
    await segment(page, 2).locator('button.chip-insert').first().click();
    expect(await wire(page)).toBe(text);

    await page.screenshot({ path: screenshotPath('placeholder-editor-en'), fullPage: true });
    expect(await unlabelledControls(page)).toEqual([]);
    await segment(page, 2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => segment(page, 2).locator('.save-status').textContent()).toBe('Saved.');
    const saved = await savedText('fr');
    expect(saved).toBe(text);
    for (const tag of ['<g id="1">', '<g id="2">', '<x id="3"/>', '<x id="4"/>']) expect(saved).toContain(tag);
    await page.reload();
    await content(page).waitFor();
    expect(await wire(page)).toBe(text);
    expect(await content(page).locator('.chip').count()).toBe(6);
    await page.context().close();
  });

  it('in Arabic: chips isolated left to right inside right-to-left text, and kept whole while editing', async () => {
    const page = await openTranslation('ar', 'ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await setText(page, ar);
    expect(await wire(page)).toBe(ar);
    expect(await content(page).getAttribute('dir')).toBe('rtl');
    const chips = content(page).locator('.chip');
    expect(await chips.count()).toBe(6);
    const style = await chips.nth(2).evaluate((el) => {
      const s = (globalThis as unknown as PageGlobals).getComputedStyle(el);
      return { dir: el.getAttribute('dir'), unicodeBidi: s.unicodeBidi, direction: s.direction, text: el.textContent };
    });
    expect(style).toEqual({ dir: 'ltr', unicodeBidi: 'isolate', direction: 'ltr', text: '🔗 2 example.org/river' });
    // In reading order (right to left): the opening chip of 1 stands right of its closing one.
    const open1 = (await chips.nth(0).boundingBox())!;
    const close1 = (await chips.nth(1).boundingBox())!;
    expect(open1.x).toBeGreaterThan(close1.x);
    // Arabic typed after a chip; Backspace into a closing chip refused (in Arabic); undo.
    const afterClose2 = ar.indexOf('</g>', ar.indexOf('<g id="2">')) + 4;
    await select(page, afterClose2);
    await page.keyboard.type(' الكبير');
    const typed = ar.slice(0, afterClose2) + ' الكبير' + ar.slice(afterClose2);
    expect(await wire(page)).toBe(typed);
    await select(page, afterClose2);
    await page.keyboard.press('Backspace');
    expect(await wire(page)).toBe(typed);
    expect(await guard(page).textContent()).toBe('لا يمكن تغيير الوسوم أو تقسيمها بالتحرير؛ أُلغي هذا التعديل. استخدم الأزرار لإدراجها.');
    // A selection across chips typed over: refused.
    await select(page, typed.indexOf('بئرًا'), typed.indexOf('النهر'));
    await page.keyboard.type('س');
    expect(await wire(page)).toBe(typed);
    await select(page, typed.length);
    await page.keyboard.press('Control+z');
    expect(await wire(page)).toBe(ar);
    await page.screenshot({ path: screenshotPath('placeholder-editor-ar'), fullPage: true });
    await segment(page, 2).locator('button.save').click();
    await expect.poll(async () => savedText('ar')).toBe(ar);
    await page.context().close();
  });

  it('no page had a console error, an uncaught error or a dialog', () => {
    expect(watched.problems).toEqual([]);
  });
});
