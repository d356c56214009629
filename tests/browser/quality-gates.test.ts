/**
 * The quality gates as the pages show them: a fatal finding (a number of the source lost)
 * beside its segment as soon as it is saved, blocking approval until a reviewer overrides it
 * with a reason; an edition left as the machine wrote it refused at publication until the
 * publisher gives a reason, which the edition then records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { signIn, startPagesWorld, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const slug = 'wells';
let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
const pages: Record<string, Page> = {};
const tokens: Record<string, string> = {};

async function waitForDrafts(page: Page, url: string) {
  await expect
    .poll(async () => {
      await page.goto(url);
      return page.locator('section.segment .state').allTextContents();
    }, { timeout: 10_000 })
    .toEqual(['machine draft', 'machine draft']);
}

describe.skipIf(!chromiumAvailable)('quality gates on the pages', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    chromium = await launchChromium();
    const publisher = await world.person('publisher', [{ role: 'publisher', locale: '*' }]);
    const translator = await world.person('translator', [{ role: 'translator', locale: 'fr' }, { role: 'translator', locale: 'es' }]);
    const reviewer = await world.person('reviewer', [{ role: 'reviewer', locale: 'fr' }, { role: 'reviewer', locale: 'es' }]);
    expect((await world.api(publisher, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: '# 3 wells for 40 families\n\nThe work goes on.\n' })).status).toBe(201);
    expect((await world.api(translator, 'POST', `/api/statements/${slug}/drafts`, { locales: ['fr', 'es'], provider: 'pseudo' })).status).toBe(202);
    for (const [name, token] of Object.entries({ publisher, translator, reviewer })) {
      tokens[name] = token;
      pages[name] = await signIn(await chromium.person(), world.url, token, watched);
    }
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  it('shows a fatal finding beside its segment when saved, and blocks approval until it is overridden', async () => {
    const translator = pages.translator!;
    const url = `${world.url}/statements/${slug}/translate/fr`;
    await waitForDrafts(translator, url);
    const first = translator.locator('section.segment').first();
    const machineShare = translator.locator('.edition-findings-list .finding-fatal[data-rule="machine-share"]');
    expect(await machineShare.count()).toBe(1);
    await first.locator('.segment-editor .cm-content').fill('Des puits pour des familles');
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => first.locator('.finding-fatal').allTextContents()).toEqual(['Blocking: The number 3 of the source is missing.', 'Blocking: The number 40 of the source is missing.']);
    // The findings about the whole edition follow the save too: half of it is no longer the machine's.
    expect(await machineShare.count()).toBe(0);
    await translator.locator('section.segment').nth(1).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => translator.locator('section.segment').nth(1).locator('.state').textContent()).toBe('translated');
    await translator.screenshot({ path: screenshotPath('translate-fatal-finding'), fullPage: true });
    await translator.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => translator.locator('[role=status]').first().textContent()).toBe('Submitted for review.');

    const reviewer = pages.reviewer!;
    await reviewer.goto(`${world.url}/statements/${slug}/review/fr`);
    await reviewer.getByRole('button', { name: 'Approve all' }).click();
    const alert = reviewer.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('quality_blocked');
    expect(await alert.locator('li').allTextContents()).toEqual(['The number 3 of the source is missing.', 'The number 40 of the source is missing.']);

    await reviewer.getByLabel('Reason to override the numbers check (segment 1)').fill('The numbers are in the photo caption');
    await reviewer.getByRole('button', { name: 'Override' }).click();
    await expect.poll(() => reviewer.locator('[role=status]').first().textContent()).toBe('The check is overridden.');
    expect(await reviewer.locator('section.segment').first().locator('.finding-overridden').count()).toBe(2);
    await reviewer.getByRole('button', { name: 'Approve all' }).click();
    await expect.poll(() => reviewer.locator('[role=status]').first().textContent()).toBe('Approved.');
  });

  it('refuses to publish an edition left as the machine wrote it, unless the publisher gives a reason', async () => {
    const translator = pages.translator!;
    const url = `${world.url}/statements/${slug}/translate/es`;
    await waitForDrafts(translator, url);
    for (const n of [0, 1]) {
      await translator.locator('section.segment').nth(n).getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => translator.locator('section.segment').nth(n).locator('.state').textContent()).toBe('translated');
    }
    await translator.getByRole('button', { name: 'Submit for review' }).click();
    const reviewer = pages.reviewer!;
    await reviewer.goto(`${world.url}/statements/${slug}/review/es`);
    await reviewer.getByRole('button', { name: 'Approve all' }).click();
    await expect.poll(() => reviewer.locator('[role=status]').first().textContent()).toBe('Approved.');

    const publisher = pages.publisher!;
    await publisher.goto(`${world.url}/statements/${slug}/publish`);
    expect(await publisher.locator('label[for="publish-es"]').textContent()).toContain('2 of 2 segments approved; 100% exactly as the machine wrote it');
    await publisher.getByRole('button', { name: 'Publish', exact: true }).click();
    const alert = publisher.locator('[role=alert]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('quality_blocked');
    expect(await alert.locator('li').allTextContents()).toEqual(['100% of the segments (2 of 2) are machine translation left unchanged: this edition has not been reviewed.']);
    await publisher.screenshot({ path: screenshotPath('publish-gate'), fullPage: true });
    expect((await fetch(`${world.url}/published/${slug}/es.json`)).status).toBe(404);

    await publisher.getByLabel('Reason to publish mostly unreviewed machine text (optional)').fill('Urgent: reviewed by phone');
    await publisher.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => publisher.locator('[role=status]').first().textContent()).toBe('Published.');
    // Readers' routes keep which edition is live for a second (a publication made outside the API shows within it).
    await expect.poll(async () => (await fetch(`${world.url}/published/${slug}/es.json`)).status, { timeout: 5_000 }).toBe(200);
    // Readers see that the gate was overridden; the reason and who gave it stay with the team (the API's record).
    const es = (await (await fetch(`${world.url}/published/${slug}/es.json`)).json()) as { provenance: { overrides: { rule: string; reason?: string }[] } };
    expect(es.provenance.overrides).toEqual([{ rule: 'machine-share', segmentId: null }]);
    const record = (await (await world.api(tokens.publisher!, 'GET', `/api/statements/${slug}/editions`)).json()) as { editions: { locale: string; provenance: { overrides: { rule: string; reason: string }[] } }[] };
    expect(record.editions.find((e) => e.locale === 'es')!.provenance.overrides).toEqual([expect.objectContaining({ rule: 'machine-share', reason: 'Urgent: reviewed by phone' })]);
    const frRes = await fetch(`${world.url}/published/${slug}/fr.json`);
    const fr = (await frRes.json()) as { provenance: { overrides: { rule: string }[] } };
    expect(fr.provenance.overrides.map((o) => o.rule)).toEqual(['numbers', 'numbers']);
  });

  it('had no console error, uncaught error or dialog', () => {
    expect(watched.problems).toEqual([]);
  });
});
