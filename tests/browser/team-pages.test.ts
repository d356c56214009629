/**
 * The team pages that used to need curl, in a real browser, in English and in Arabic (right
 * to left): the glossary (add, list, delete, import a CSV, download), link targets, webhooks
 * with their delivery log after a publication, revising a source with a preview of what goes
 * stale (and a lost update refused), withdrawing an edition with a confirmation. Who may not
 * use a page gets a 403 page and no link to it. Every page screenshotted, labelled, free of
 * console errors.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';
import { adminToken, signIn, unlabelledControls, startPagesWorld, type PagesWorld, type PageWatch } from './support/pages-world.ts';

const markdown = '# Clean water\n\nWe dug twelve wells in March.\n\nRead the [full report](https://example.org/report).\n';

let world: PagesWorld;
let chromium: RunningBrowser;
const watched: PageWatch = { problems: [] };
const tokens: Record<string, string> = {};

/** The webhook receiver: each request it gets, as an event a test can wait on. */
let receiver: http.Server;
let receiverUrl: string;
const received: { body: string }[] = [];
const waiters: (() => void)[] = [];
function nextDelivery(count: number): Promise<void> {
  if (received.length >= count) return Promise.resolve();
  return new Promise((resolve) => waiters.push(() => received.length >= count && resolve()));
}

async function check(page: Page, name: string, dir: 'ltr' | 'rtl') {
  expect(await page.locator('html').getAttribute('dir'), name).toBe(dir);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  expect(await unlabelledControls(page), `${name}: unlabelled controls`).toEqual([]);
}

async function api(token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const res = await world.api(token, method, path, body, headers);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

async function draft(slug: string, locale: string) {
  const job = await api(tokens.publisher!, 'POST', `/api/statements/${slug}/drafts`, { locales: [locale], provider: 'pseudo' });
  expect(job.status).toBe(202);
  await vi.waitFor(async () => expect((await api(tokens.publisher!, 'GET', `/api/jobs/${job.body.id}`)).body.status).toBe('done'), { timeout: 20_000, interval: 50 });
}

describe.skipIf(!chromiumAvailable)('team pages in a browser', () => {
  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ body });
        res.writeHead(204).end();
        for (const w of waiters) w();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    world = await startPagesWorld({ EDITIONS_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
    chromium = await launchChromium();
    tokens.publisher = await world.person('Pat Publisher', [{ role: 'publisher', locale: '*' }]);
    tokens.translator = await world.person('Tariq Translator', [{ role: 'translator', locale: 'fr' }]);
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    // The 403 pages are asked for on purpose (their status is checked where they are); Chromium logs each.
    expect(watched.problems.filter((p) => !/status of 403 \(Forbidden\)/.test(p))).toEqual([]);
  });

  describe.each([
    { lang: 'en', dir: 'ltr' as const },
    { lang: 'ar', dir: 'rtl' as const },
  ])('in $lang', ({ lang, dir }) => {
    const slug = `water-${lang}`;
    const people: Record<string, { context: BrowserContext; page: Page }> = {};
    const shot = (name: string) => `team-${name}-${lang}`;

    beforeAll(async () => {
      for (const [name, token] of [['admin', adminToken], ['publisher', tokens.publisher!], ['translator', tokens.translator!]] as const) {
        const context = await chromium.person({ locale: lang === 'ar' ? 'ar' : 'en-GB' });
        people[name] = { context, page: await signIn(context, world.url, token, watched) };
      }
      expect((await api(tokens.publisher!, 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown })).status).toBe(201);
      await draft(slug, 'fr');
    });
    afterAll(async () => {
      for (const p of Object.values(people)) await p.context.close();
    });

    it('the glossary: add terms, list them, delete one, import a CSV, download it; links only where allowed', async () => {
      const { page } = people.publisher!;
      // A publisher sees glossary and link targets in the navigation, not webhooks (admins only).
      expect(await page.locator('header nav a[href="/glossary"]').count()).toBe(1);
      expect(await page.locator('header nav a[href="/link-targets"]').count()).toBe(1);
      expect(await page.locator('header nav a[href="/webhooks"]').count()).toBe(0);
      await page.locator('header nav a[href="/glossary"]').click();
      await page.waitForURL(/\/glossary$/);
      const term = `Editions ${lang}`;
      await page.locator('#term').fill(term);
      await page.getByRole('button', { name: lang === 'en' ? 'Add the term' : 'إضافة المصطلح' }).click();
      await page.waitForURL(/done=added/);
      expect(await page.locator('[role=status]').count()).toBe(1);
      await page.locator('#term').fill(`water ${lang}`);
      await page.locator('#targetLocale').fill('fr');
      await page.locator('#targetText').fill(`eau ${lang}`);
      await page.locator('#variants').fill('flotte, onde');
      await page.locator('.glossary-form button[type=submit]').click();
      await page.waitForURL(/done=added/);
      const row = page.locator('table.glossary-terms tr', { hasText: `water ${lang}` });
      expect(await row.locator('td').nth(2).textContent()).toBe(`eau ${lang}`);
      expect(await row.locator('td').nth(3).textContent()).toBe('flotte, onde');
      // A term without its text is refused by the API's schema, on the page, nothing added.
      const before = await page.locator('table.glossary-terms tbody tr').count();
      await page.locator('#term').fill('   ');
      await page.locator('#targetLocale').fill('fr');
      await page.locator('.glossary-form button[type=submit]').click();
      await page.locator('[role=alert][data-code=validation_failed]').waitFor();
      expect(await page.locator('table.glossary-terms tbody tr').count()).toBe(before);
      // Delete the do-not-translate term.
      await page.locator('table.glossary-terms tr', { hasText: term }).locator('button').click();
      await page.waitForURL(/done=deleted/);
      expect(await page.locator('table.glossary-terms tr', { hasText: term }).count()).toBe(0);
      // Import a CSV file.
      await page.locator('#glossary-file').setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from(`en,fr,ar\nUnited Nations ${lang},Nations unies,الأمم المتحدة\n`) });
      await page.locator('.glossary-import-form button[type=submit]').click();
      await page.locator('.import-summary').waitFor();
      expect(await page.locator('.import-summary').textContent()).toContain(lang === 'en' ? '2 added' : '2');
      expect(await page.locator('table.glossary-terms tr', { hasText: `United Nations ${lang}` }).count()).toBe(2);
      await check(page, shot('glossary'), dir);
      // The downloads (the session's cookie is enough).
      const csv = await page.request.get(`${world.url}/glossary/export.csv`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-disposition']).toContain('glossary.csv');
      expect(await csv.text()).toContain(`United Nations ${lang}`);
      const tbx = await page.request.get(`${world.url}/glossary/export.tbx`);
      expect(await tbx.text()).toContain(`water ${lang}`);
      // A translator reads the glossary but may not delete a term: a refusal, the term kept.
      const translator = people.translator!.page;
      expect(await translator.locator('header nav a[href="/glossary"]').count()).toBe(1);
      expect(await translator.locator('header nav a[href="/link-targets"]').count()).toBe(0);
      await translator.goto(`${world.url}/glossary`);
      const [refused] = await Promise.all([
        translator.waitForResponse((r) => r.url().endsWith('/delete') && r.request().method() === 'POST'),
        translator.locator('table.glossary-terms tr', { hasText: `water ${lang}` }).locator('button').click(),
      ]);
      expect(refused.status()).toBe(403);
      await translator.locator('[role=alert][data-code=forbidden]').waitFor();
      await translator.goto(`${world.url}/glossary`);
      expect(await translator.locator('table.glossary-terms tr', { hasText: `water ${lang}` }).count()).toBe(1);
    });

    it('link targets: a locale’s map shown, replaced, an unsafe target refused', async () => {
      const { page } = people.publisher!;
      await page.goto(`${world.url}/link-targets`);
      await page.locator('#locale-choice').fill('fr');
      await page.locator('form.locale-choice button').click();
      await page.waitForURL(/locale=fr/);
      await page.locator('#targets').fill(`https://example.org/report https://example.org/fr/rapport-${lang}\n`);
      await page.locator('.link-targets-form button[type=submit]').click();
      await page.waitForURL(/done=saved/);
      expect(await page.locator('table.link-targets td').allTextContents()).toEqual(['https://example.org/report', `https://example.org/fr/rapport-${lang}`]);
      const saved = await api(tokens.publisher!, 'GET', '/api/link-targets/fr');
      expect(saved.body.targets).toEqual({ 'https://example.org/report': `https://example.org/fr/rapport-${lang}` });
      await check(page, shot('link-targets'), dir);
      await page.locator('#targets').fill('https://example.org/report javascript:alert(1)\n');
      await page.locator('.link-targets-form button[type=submit]').click();
      await page.locator('[role=alert][data-code=validation_failed]').waitFor();
      expect((await api(tokens.publisher!, 'GET', '/api/link-targets/fr')).body.targets).toEqual(saved.body.targets);
      // A translator may not open it (no link either): a 403 page when saving.
      const translator = people.translator!.page;
      await translator.goto(`${world.url}/link-targets?locale=fr`);
      await translator.locator('#targets').fill('https://a.example/ https://b.example/');
      const [response] = await Promise.all([translator.waitForResponse((r) => r.url().endsWith('/link-targets') && r.request().method() === 'POST'), translator.locator('.link-targets-form button[type=submit]').click()]);
      expect(response.status()).toBe(403);
      await translator.locator('[role=alert][data-code=forbidden]').waitFor();
    });

    it('webhooks: an admin adds one, a publication is delivered, the log shows it; others get a 403', async () => {
      const { page } = people.admin!;
      expect(await page.locator('header nav a[href="/webhooks"]').count()).toBe(1);
      await page.locator('header nav a[href="/webhooks"]').click();
      await page.waitForURL(/\/webhooks$/);
      await page.locator('#webhook-url').fill(`${receiverUrl}?lang=${lang}`);
      await page.locator('#event-edition\\.withdrawn').uncheck();
      await page.locator('.webhook-form button[type=submit]').click();
      await page.locator('.webhook-secret').waitFor();
      expect(await page.locator('.webhook-secret').textContent()).toMatch(/^whsec_/);
      await check(page, shot('webhooks'), dir);
      const hooks = (await api(adminToken, 'GET', '/api/webhooks')).body.webhooks as { id: string; url: string; events: string[] }[];
      const hook = hooks.find((h) => h.url.endsWith(`lang=${lang}`))!;
      expect(hook.events).toEqual(['edition.published', 'edition.corrected']);
      // The secret is shown once: not on the list page.
      await page.goto(`${world.url}/webhooks`);
      expect(await page.locator('.webhook-secret').count()).toBe(0);
      // A publication (of the source), delivered to the receiver.
      const count = received.length;
      expect((await api(tokens.publisher!, 'POST', `/api/statements/${slug}/editions`, { locales: ['en'] })).status).toBe(201);
      await nextDelivery(count + 1);
      await expect.poll(async () => ((await api(adminToken, 'GET', `/api/webhooks/${hook.id}/deliveries`)).body.deliveries as { status: string }[]).map((d) => d.status)).toEqual(['delivered']);
      await page.locator(`tr[data-webhook-id="${hook.id}"] a`).click();
      await page.waitForURL(new RegExp(`/webhooks/${hook.id}$`));
      const rows = page.locator('table.deliveries tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-status')).toBe('delivered');
      expect(await rows.first().locator('td').first().textContent()).toBe('edition.published');
      expect(await rows.first().locator('td').nth(3).textContent()).toBe('204');
      await check(page, shot('webhook-deliveries'), dir);
      // A publisher is no admin: a 403 page, for the list and for a log.
      const publisher = people.publisher!.page;
      expect((await publisher.goto(`${world.url}/webhooks`))!.status()).toBe(403);
      expect((await publisher.goto(`${world.url}/webhooks/${hook.id}`))!.status()).toBe(403);
      expect(await publisher.locator('[role=alert][data-code=forbidden]').count()).toBe(1);
    });

    it('revising a source: the preview names what goes stale, nothing saved; Save revises; a lost update is refused', async () => {
      const { page } = people.publisher!;
      await page.goto(`${world.url}/statements`);
      await page.locator(`tr[data-slug="${slug}"] a.revise-link`).click();
      await page.waitForURL(new RegExp(`/statements/${slug}/source$`));
      expect(await page.locator('#markdown').inputValue()).toBe(markdown);
      // Untouched, the text is the current source: nothing would change.
      await page.locator('button[name=action][value=preview]').click();
      await page.locator('.revision-preview').waitFor();
      expect(await page.locator('table.revision-locales').count()).toBe(0);
      const revised = markdown.replace('twelve wells', 'fourteen wells') + '\nA new closing line.\n';
      await page.locator('#markdown').fill(revised);
      await page.locator('button[name=action][value=preview]').click();
      await page.locator('.revision-preview').waitFor();
      const fr = page.locator('table.revision-locales tr[data-locale="fr"]');
      expect(await fr.locator('.stale-count').textContent()).toBe('1');
      expect(await page.locator('.changed-segments li').count()).toBe(1);
      expect(await page.locator('.changed-segments del').textContent()).toContain('twelve wells');
      expect(await page.locator('.added-segments li').allTextContents()).toEqual(['A new closing line.']);
      expect(await page.locator('#markdown').inputValue()).toBe(revised);
      await check(page, shot('revise-preview'), dir);
      // Nothing saved by the preview.
      expect((await api(tokens.publisher!, 'GET', `/api/statements/${slug}`)).body.revision).toBe(1);
      await page.locator('button[name=action][value=save]').click();
      await page.waitForURL(/done=revised/);
      const after = (await api(tokens.publisher!, 'GET', `/api/statements/${slug}`)).body;
      expect(after.revision).toBe(2);
      expect(after.markdown).toBe(revised);
      const frSegments = (await api(tokens.publisher!, 'GET', `/api/statements/${slug}/translations/fr`)).body.segments as { state: string }[];
      expect(frSegments.filter((s) => s.state === 'stale')).toHaveLength(1);
      // Someone else saves revision 3 meanwhile (a file upload here): saving from this page, made at revision 2, is refused.
      await page.locator('#source-file').setInputFiles({ name: 'water.md', mimeType: 'text/markdown', buffer: Buffer.from(`${revised}\nMine.\n`) });
      expect((await api(tokens.publisher!, 'PUT', `/api/statements/${slug}/source`, { markdown: `${revised}\nTheirs.\n` }, { 'if-match': '"2"' })).status).toBe(200);
      await page.locator('button[name=action][value=save]').click();
      await page.locator('[role=alert][data-code=revision_conflict]').waitFor();
      expect((await api(tokens.publisher!, 'GET', `/api/statements/${slug}`)).body.markdown).toBe(`${revised}\nTheirs.\n`);
      await check(page, shot('revise-conflict'), dir);
      // A translator has no revise link and is refused (403 page).
      const translator = people.translator!.page;
      await translator.goto(`${world.url}/statements`);
      expect(await translator.locator(`tr[data-slug="${slug}"] a.revise-link`).count()).toBe(0);
      await translator.goto(`${world.url}/statements/${slug}/source`);
      const [forbidden] = await Promise.all([translator.waitForResponse((r) => r.url().endsWith('/source') && r.request().method() === 'POST'), translator.locator('button[name=action][value=preview]').click()]);
      expect(forbidden.status()).toBe(403);
      await translator.locator('[role=alert][data-code=forbidden]').waitFor();
    });

    it('withdrawing an edition: a confirmation with a reason, then the publish page shows it withdrawn', async () => {
      const { page } = people.publisher!;
      await page.goto(`${world.url}/statements/${slug}/publish`);
      await page.locator('.editions li[data-locale="en"] a.withdraw-link').click();
      await page.waitForURL(/\/withdraw$/);
      await check(page, shot('withdraw-confirm'), dir);
      await page.locator('#reason').fill('Published by mistake');
      await page.locator('#confirm').check();
      await page.locator('.withdraw-form button[type=submit]').click();
      await page.waitForURL(/done=withdrawn/);
      expect(await page.locator('[role=status]').count()).toBe(1);
      expect(await page.locator('.editions li[data-locale="en"] a.withdraw-link').count()).toBe(0);
      const editions = (await api(tokens.publisher!, 'GET', `/api/statements/${slug}/editions`)).body.editions as { withdrawnAt: string | null; withdrawalReason: string }[];
      expect(editions).toEqual([expect.objectContaining({ withdrawalReason: 'Published by mistake' })]);
      expect(editions[0]!.withdrawnAt).not.toBeNull();
      await check(page, shot('withdrawn'), dir);
      // The reader's page is gone.
      expect((await fetch(`${world.url}/published/${slug}/en.html`)).status).not.toBe(200);
    });
  });
});
