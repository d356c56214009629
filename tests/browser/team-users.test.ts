/**
 * Team pages in Chromium (issue 16), in English and right to left (Arabic, Persian): the
 * first-run screen, an admin inviting a volunteer on /users with a one-time sign-in link that
 * the volunteer opens in a fresh browser and lands signed in (once only), role-aware buttons
 * (a translator sees no Import, Publish or Approve), the source locale never offered for
 * translation, and the dashboard per locale. Screenshots in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { adminToken, signIn, startPagesWorld, unlabelledControls, watch, type PagesWorld, type PageWatch } from './support/pages-world.ts';

let world: PagesWorld;
let browser: RunningBrowser;
const watched: PageWatch = { problems: [] };

describe.skipIf(!chromiumAvailable)('team pages', () => {
  beforeAll(async () => {
    world = await startPagesWorld();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
    expect(watched.problems).toEqual([]);
  });

  it('first run: says what to do first, by role', async () => {
    const admin = await signIn(await browser.person(), world.url, adminToken, watched);
    const firstRun = admin.locator('section.first-run');
    await expect(firstRun.getByRole('link', { name: /Import a statement/ }).count()).resolves.toBe(1);
    await expect(firstRun.getByRole('link', { name: /Invite people/ }).getAttribute('href')).resolves.toBe('/users');
    expect(await admin.getByText('No statements.').count()).toBe(0);
    await admin.screenshot({ path: screenshotPath('team-first-run-admin-en'), fullPage: true });
    const translator = await signIn(await browser.person({ locale: 'ar' }), world.url, await world.person('Amal', [{ role: 'translator', locale: 'ar' }]), watched);
    expect(await translator.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await translator.locator('section.first-run li').count()).toBe(1);
    expect(await translator.locator('section.import').count()).toBe(0);
    expect(await translator.locator('a[href="/users"]').count()).toBe(0);
    await translator.screenshot({ path: screenshotPath('team-first-run-translator-ar'), fullPage: true });
    await admin.context().close();
    await translator.context().close();
  }, 60_000);

  it('an admin invites a volunteer; the volunteer opens the link in a fresh browser and is signed in, once', async () => {
    const admin = await signIn(await browser.person(), world.url, adminToken, watched);
    await admin.getByRole('link', { name: 'People', exact: true }).click();
    await admin.waitForURL(/\/users$/);
    await admin.getByLabel('Name', { exact: true }).fill('Vera Volunteer');
    await admin.getByLabel('Translator').fill('fa');
    await admin.getByRole('button', { name: 'Add' }).click();
    const link = await admin.locator('.secret[data-kind=link] .secret-value').inputValue();
    expect(link).toMatch(new RegExp(`^${world.url}/sign-in/link/esl_`));
    // The link's expiry in the page's date format (the exact instant kept in <time datetime>), no raw ISO time.
    const help = admin.locator('.secret[data-kind=link] .help');
    expect(await help.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(await help.textContent()).toMatch(/ UTC\b/);
    expect(await help.textContent()).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(await admin.locator('tr[data-name="Vera Volunteer"] .roles').textContent()).toContain('fa');
    expect(await unlabelledControls(admin)).toEqual([]);
    await admin.screenshot({ path: screenshotPath('team-users-invite-en'), fullPage: true });

    // A fresh browser, in Persian: opening the link only asks; the button signs in.
    const volunteer = watch(await (await browser.person({ locale: 'fa' })).newPage(), watched);
    await volunteer.goto(link);
    expect(await volunteer.locator('html').getAttribute('dir')).toBe('rtl');
    await volunteer.screenshot({ path: screenshotPath('team-sign-in-link-fa'), fullPage: true });
    await volunteer.locator('form.sign-in-link-form button[type=submit]').click();
    await volunteer.waitForURL(/\/statements$/);
    expect(await volunteer.locator('.who').textContent()).toContain('Vera Volunteer');
    await volunteer.screenshot({ path: screenshotPath('team-volunteer-signed-in-fa'), fullPage: true });

    // Spent: another browser is told so, and is not signed in.
    const late = watch(await (await browser.person()).newPage(), watched);
    await late.goto(link);
    expect(await late.locator('[role=alert]').getAttribute('data-code')).toBe('sign_in_link_used');
    expect(await late.locator('form.sign-in-link-form').count()).toBe(0);

    // The admin revokes her: her session ends.
    await admin.goto(`${world.url}/users`);
    await admin.locator('tr[data-name="Vera Volunteer"] button.revoke').click();
    expect(await admin.locator('tr[data-name="Vera Volunteer"] .status').textContent()).toBe('Revoked');
    await volunteer.goto(`${world.url}/statements`);
    await volunteer.waitForURL(/\/sign-in/);

    // The page in Arabic, right to left.
    const arabic = await signIn(await browser.person({ locale: 'ar' }), world.url, adminToken, watched);
    await arabic.goto(`${world.url}/users`);
    expect(await arabic.locator('html').getAttribute('dir')).toBe('rtl');
    await arabic.screenshot({ path: screenshotPath('team-users-ar'), fullPage: true });
    for (const p of [admin, volunteer, late, arabic]) await p.context().close();
  }, 90_000);

  it('role-aware: a translator sees no Import, Publish or Approve; the source is not offered; the dashboard per locale', async () => {
    const publisher = await world.person('Pia', [{ role: 'publisher', locale: '*' }]);
    const translatorToken = await world.person('Fanny', [{ role: 'translator', locale: 'fr' }, { role: 'translator', locale: 'en' }, { role: 'translator', locale: 'de' }]);
    expect((await world.api(publisher, 'POST', '/api/statements', { slug: 'team', sourceLocale: 'en', markdown: '# Water\n\nOne.\n\nTwo.\n' })).status).toBe(201);
    const job = (await (await world.api(publisher, 'POST', '/api/statements/team/drafts', { locales: ['fr'], provider: 'pseudo' })).json()) as { id: string };
    for (let i = 0; i < 200 && ((await (await world.api(publisher, 'GET', `/api/jobs/${job.id}`)).json()) as { status: string }).status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
    const segs = ((await (await world.api(translatorToken, 'GET', '/api/statements/team/translations/fr')).json()) as { segments: { id: string; version: number }[] }).segments;
    expect((await world.api(translatorToken, 'PUT', `/api/statements/team/translations/fr/segments/${segs[0]!.id}`, { text: 'Eau' }, { 'if-match': String(segs[0]!.version) })).status).toBe(200);

    const translator = await signIn(await browser.person(), world.url, translatorToken, watched);
    const row = translator.locator('tr[data-slug=team]');
    expect(await translator.locator('section.import').count()).toBe(0);
    expect(await row.getByRole('link', { name: 'Publish' }).count()).toBe(0);
    expect(await row.getByRole('link', { name: /Review/ }).count()).toBe(0);
    // Open another language: only hers, never the source (en) nor one already open (fr).
    expect(await row.locator('.open-locale datalist option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).toEqual(['de']);
    // Typed in anyway, the source is refused by the form itself.
    await row.getByLabel('Another language (e.g. fr)').fill('en');
    expect(await row.getByLabel('Another language (e.g. fr)').evaluate((el: { validity: { patternMismatch: boolean } }) => el.validity.patternMismatch)).toBe(true);
    await translator.screenshot({ path: screenshotPath('team-statements-translator-en'), fullPage: true });
    await translator.goto(`${world.url}/statements/team/review/fr`);
    expect(await translator.locator('button[value=approve]').count()).toBe(0);
    await translator.goto(`${world.url}/statements/team/publish`);
    expect(await translator.locator('form.publish-form').count()).toBe(0);
    expect(await translator.locator('.publish-not-yours').count()).toBe(1);

    await translator.getByRole('link', { name: 'Dashboard' }).click();
    const fr = translator.locator('section.dashboard-locale[data-locale=fr]');
    expect(await fr.locator('progress.translated').getAttribute('value')).toBe('33');
    expect(await fr.locator('progress.approved').getAttribute('value')).toBe('0');
    expect(await fr.locator('ul.awaiting-review li').allTextContents()).toEqual(['team · 1 segment(s)']);
    expect(await unlabelledControls(translator)).toEqual([]);
    await translator.screenshot({ path: screenshotPath('team-dashboard-en'), fullPage: true });

    // A reviewer of French does see Approve; the publisher sees Import and Publish.
    const reviewer = await signIn(await browser.person({ locale: 'ar' }), world.url, await world.person('Rania', [{ role: 'reviewer', locale: 'fr' }]), watched);
    await reviewer.goto(`${world.url}/statements/team/review/fr`);
    expect(await reviewer.locator('button[value=approve]').count()).toBeGreaterThan(0);
    await reviewer.goto(`${world.url}/dashboard`);
    expect(await reviewer.locator('html').getAttribute('dir')).toBe('rtl');
    await reviewer.screenshot({ path: screenshotPath('team-dashboard-ar'), fullPage: true });
    const pub = await signIn(await browser.person(), world.url, publisher, watched);
    expect(await pub.locator('section.import').count()).toBe(1);
    expect(await pub.locator('tr[data-slug=team]').getByRole('link', { name: 'Publish' }).count()).toBe(1);
    for (const p of [translator, reviewer, pub]) await p.context().close();
  }, 90_000);
});
