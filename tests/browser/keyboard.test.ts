/**
 * A translator who uses only the keyboard: Tab to move, typing, Enter and Space to act; no
 * clicks, no filling of fields from outside. They sign in, open French from the statements,
 * start it, translate a segment and save it; insert a placeholder with its button; resolve
 * version conflicts both ways. Every element the focus reaches has an accessible name and
 * shows that it has the focus; after each action the focus is still where the person is
 * working, never dropped on the page. The API confirms what was saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { startPagesWorld, unlabelledControls, watch, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'by-keys';
const markdown = '# By keys\n\nWe dug **12 wells** in March.\n';

let world: PagesWorld;
let chromium: RunningBrowser;
let context: BrowserContext;
let page: Page;
let translator: string;
let publisher: string;
const watched: PageWatch = { problems: [] };

/** The element with the keyboard focus, as a person and assistive technology meet it. */
interface Focused {
  tag: string;
  /** The data-segment of the segment it is in, if any. */
  segment: string | null;
  /** Classes, to tell a segment's Save button from others. */
  className: string;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  /** Its role and accessible name (from the accessibility tree, via an ARIA snapshot). */
  role: string;
  name: string;
}

/** Every element the focus reached, in order. */
const reached: Focused[] = [];

const readFocus = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const segment = el.closest('section.segment');
  return {
    tag: el.tagName.toLowerCase(),
    segment: segment ? segment.getAttribute('data-segment') : null,
    className: typeof el.className === 'string' ? el.className : '',
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    boxShadow: style.boxShadow,
  };
})()`;

/** The focused element; fails when the focus is nowhere (on the page itself). */
async function focused(p: Page): Promise<Focused> {
  const element = await p.evaluate<Omit<Focused, 'role' | 'name'> | null>(readFocus);
  expect(element, 'the keyboard focus is on an element, not lost on the page').not.toBeNull();
  // The first line of the snapshot: `- role "name"` (the name quoted as JSON when it has one).
  // In an editor's shadow root both the host and the element inside match :focus; the inner one, last, is focused.
  const first = (await p.locator(':focus').last().ariaSnapshot()).split('\n')[0] ?? '';
  const match = /^- ([\w-]+)(?: ("(?:[^"\\]|\\.)*"))?/.exec(first);
  const role = match?.[1] ?? '';
  // An element the snapshot gives no role of its own (a <summary>) shows as its text: that text names it.
  const text = role === 'text' ? /^- text: (.*)$/.exec(first)?.[1] : undefined;
  const name = match?.[2] ? (JSON.parse(match[2]) as string) : (text ?? '');
  return { ...element!, role, name };
}

/** Presses Tab until the focus is on what `wanted` accepts (at most `limit` times), noting every stop. */
async function tabTo(p: Page, what: string, wanted: (f: Focused) => boolean, limit = 40): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    await p.keyboard.press('Tab');
    const f = await focused(p);
    reached.push(f);
    if (wanted(f)) return f;
  }
  throw new Error(`${what}: not reached with ${limit} presses of Tab; reached ${reached.slice(-limit).map((f) => `${f.role} "${f.name}"`).join(', ')}`);
}

const visiblyFocused = (f: Focused) => (f.outlineStyle !== 'none' && parseFloat(f.outlineWidth) > 0) || (f.boxShadow !== 'none' && f.boxShadow !== '');

async function translation() {
  const res = await world.api(translator, 'GET', `/api/statements/${slug}/translations/fr`);
  expect(res.status).toBe(200);
  return (await res.json()) as { segments: { id: string; text: string | null; version: number; state: string }[] };
}

function segment(n: number) {
  return page.locator('section.segment').nth(n - 1);
}

describe.skipIf(!chromiumAvailable)('a translator using only the keyboard', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    translator = await world.person('Kim Keyboard', [{ role: 'translator', locale: 'fr' }]);
    const created = await world.api(publisher, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown });
    expect(created.status).toBe(201);
    context = await chromium.person();
    page = watch(await context.newPage(), watched);
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('signs in, opens and starts French, types a translation and saves it', async () => {
    await page.goto(`${world.url}/sign-in`);
    const token = await tabTo(page, 'the token field', (f) => f.tag === 'input' && /token/i.test(f.name));
    expect(token.name).toBe('Your token');
    await page.keyboard.type(translator);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/statements$/);

    // A text field offering the person's languages (a datalist): a combobox.
    await tabTo(page, 'the field to open a language', (f) => f.role === 'combobox' && f.name === 'Another language (e.g. fr)');
    await page.keyboard.type('fr');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/statements\/by-keys\/translate\/fr$/);

    await tabTo(page, 'the button to start', (f) => f.role === 'button' && f.name === 'Start translating');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('section.segment').count()).toBe(2);
    expect(await page.locator('h1').textContent()).toBe('Translate By keys into fr');

    // Into the first segment's text, typed over whatever is there.
    const area = await tabTo(page, 'the first segment’s text', (f) => f.className.split(' ').includes('segment-editor'));
    expect(area.segment).toBe(await segment(1).getAttribute('data-segment'));
    expect(area.name).toMatch(/^Your translation, segment \d+$/);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Par le clavier');
    expect(await segment(1).locator('form.segment-form textarea').inputValue()).toBe('Par le clavier');

    const save = await tabTo(page, 'the first segment’s Save', (f) => f.role === 'button' && f.name === 'Save');
    expect(save.segment).toBe(area.segment);
    await page.keyboard.press('Space');
    await expect.poll(() => segment(1).locator('.save-status').textContent()).toBe('Saved.');
    expect(await segment(1).locator('.state').textContent()).toBe('translated');
    // The focus stays on the button just used, still shown.
    const after = await focused(page);
    expect(after).toMatchObject({ role: 'button', name: 'Save', segment: area.segment });
    expect(visiblyFocused(after), JSON.stringify(after)).toBe(true);
    await page.screenshot({ path: screenshotPath('keyboard-saved'), fullPage: true });

    const saved = await translation();
    expect(saved.segments[0]).toMatchObject({ id: area.segment, text: 'Par le clavier', state: 'translated' });
  });

  it('inserts a placeholder with its button and keeps the focus in the segment through conflicts', async () => {
    const area = await tabTo(page, 'the second segment’s text', (f) => f.className.split(' ').includes('segment-editor'));
    const id = await segment(2).getAttribute('data-segment');
    expect(area.segment).toBe(id);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Nous avons creusé ');

    // The placeholder button puts the focus back in the text, inside the pair it inserted.
    await tabTo(page, 'the placeholder button', (f) => f.role === 'button' && f.name === 'Insert placeholder 1');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ className: 'segment-editor', segment: id });
    await page.keyboard.type('12 puits');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' en mars.');
    const mine = 'Nous avons creusé <g id="1">12 puits</g> en mars.';
    expect(await segment(2).locator('form.segment-form textarea').inputValue()).toBe(mine);

    // Meanwhile the text is changed elsewhere: saving meets a conflict.
    const before = (await translation()).segments[1]!;
    const theirs = 'Nous avons foré <g id="1">12 puits</g> en mars.';
    const elsewhere = await world.api(translator, 'PUT', `/api/statements/${slug}/translations/fr/segments/${id}`, { text: theirs }, { 'if-match': `"${before.version}"` });
    expect(elsewhere.status).toBe(200);

    await tabTo(page, 'the second segment’s Save', (f) => f.role === 'button' && f.name === 'Save' && f.segment === id);
    await page.keyboard.press('Enter');
    await expect.poll(() => segment(2).locator('.conflict').isVisible()).toBe(true);
    expect(await segment(2).locator('.save-status').textContent()).toContain('Someone changed this segment');
    expect(await focused(page)).toMatchObject({ role: 'button', name: 'Save', segment: id });

    // Save mine over theirs: the button goes away, the focus comes back to Save.
    await tabTo(page, 'Save mine over theirs', (f) => f.role === 'button' && f.name === 'Save mine over theirs');
    await page.keyboard.press('Enter');
    await expect.poll(() => segment(2).locator('.save-status').textContent()).toBe('Saved.');
    expect(await segment(2).locator('.conflict').isVisible()).toBe(false);
    const afterMine = await focused(page);
    expect(afterMine).toMatchObject({ role: 'button', name: 'Save', segment: id });
    expect(visiblyFocused(afterMine), JSON.stringify(afterMine)).toBe(true);
    expect((await translation()).segments[1]).toMatchObject({ id, text: mine, state: 'translated' });

    // Once more, and this time take theirs: the focus goes to the text that was replaced.
    const current = (await translation()).segments[1]!;
    const again = 'Nous avons foré <g id="1">douze puits</g> en mars.';
    expect((await world.api(translator, 'PUT', `/api/statements/${slug}/translations/fr/segments/${id}`, { text: again }, { 'if-match': `"${current.version}"` })).status).toBe(200);
    await page.keyboard.press('Enter');
    await expect.poll(() => segment(2).locator('.conflict').isVisible()).toBe(true);
    await tabTo(page, 'Take theirs', (f) => f.role === 'button' && f.name === 'Take theirs');
    await page.keyboard.press('Space');
    expect(await segment(2).locator('.conflict').isVisible()).toBe(false);
    const afterTheirs = await focused(page);
    expect(afterTheirs).toMatchObject({ className: 'segment-editor', segment: id });
    expect(visiblyFocused(afterTheirs), JSON.stringify(afterTheirs)).toBe(true);
    expect(await segment(2).locator('form.segment-form textarea').inputValue()).toBe(again);
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('showed the focus on, and had a name for, every element it reached', () => {
    expect(reached.length).toBeGreaterThan(10);
    expect(reached.filter((f) => f.name.trim() === '').map((f) => `${f.tag}.${f.className} (${f.role})`)).toEqual([]);
    expect(reached.filter((f) => !visiblyFocused(f)).map((f) => `${f.role} "${f.name}": outline ${f.outlineStyle} ${f.outlineWidth}, box-shadow ${f.boxShadow}`)).toEqual([]);
  });

  it('had no console error, uncaught error or dialog', () => {
    expect(watched.problems).toEqual([]);
  });
});
