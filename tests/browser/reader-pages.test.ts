/**
 * Readers' pages in Chromium, with the Content-Security-Policy they are served with: the
 * stylesheet applies (its hash is allowed), the page reads right to left in Arabic and Persian,
 * and in Arabic, Persian and Urdu a phone number and Latin runs keep their left-to-right order
 * as rendered (compared by the x position of their first and last characters). Screenshots of
 * en, es, ar and fa editions and of the 404 page go to test-artifacts/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseMarkdown } from '../../src/markdown/parse.ts';
import { footerFrom } from '../../src/publishing/edition-footer.ts';
import { htmlDocument, notFoundDocument } from '../../src/publishing/html-document.ts';
import { renderEditionHtml } from '../../src/publishing/render-html.ts';
import { publicHeaders } from '../../server/public-headers.ts';
import { chromiumAvailable, launchChromium, screenshotPath, type RunningBrowser } from './support/chromium.ts';

const texts: Record<string, string> = {
  en: '# Seed bank opens\n\nThe Regional Seed Network opened its third depot. Call +44 20 7946 0000 or read the UNHCR 2024 report at https://example.org/report.\n\n- It holds **12,500** samples.\n',
  es: '# Abre el banco de semillas\n\nLa Red Regional de Semillas abrió su tercer depósito. Llame al +44 20 7946 0000 o lea el informe UNHCR 2024 en https://example.org/report.\n\n- Guarda **12.500** muestras.\n',
  ar: '# افتتاح بنك البذور\n\nافتتحت الشبكة الإقليمية للبذور مستودعها الثالث. للتواصل: +44 20 7946 0000 أو راجع تقرير UNHCR 2024 على https://example.org/report.\n\n- يضم **12,500** عينة.\n',
  fa: '# بانک بذر گشایش یافت\n\nشبکهٔ منطقه‌ای بذر سومین انبار خود را گشود. تماس: +44 20 7946 0000 یا گزارش UNHCR 2024 را در https://example.org/report بخوانید.\n\n- **12,500** نمونه نگه می‌دارد.\n',
  ur: '# بیج بینک کھل گیا\n\nعلاقائی بیج نیٹ ورک نے اپنا تیسرا گودام کھولا۔ رابطہ: +44 20 7946 0000 یا UNHCR 2024 کی رپورٹ https://example.org/report پر پڑھیں۔\n',
};
const locales = Object.keys(texts);
const base = 'http://127.0.0.1:9/published/seed-bank';
const provenance = { source: false, sourceRevision: 3, segments: 3, machineAssistedShare: 0.4, unreviewedMachineShare: 0, engines: ['apertium'], reviewers: ['Rania Muraji3a', 'Rémi Relecteur'], approvedAt: '2026-04-03T09:30:00Z' };

function pageFor(locale: string): string {
  const tree = parseMarkdown(texts[locale]!);
  const article = renderEditionHtml(tree, locale, { footer: footerFrom(provenance, { publishedAt: '2026-04-04T10:05:00Z' }) });
  return htmlDocument({
    locale,
    title: texts[locale]!.split('\n')[0]!.slice(2),
    description: texts[locale]!.split('\n')[2]!,
    article,
    canonical: `${base}/${locale}.html`,
    alternates: locales.map((l) => ({ locale: l, url: `${base}/${l}.html` })),
    sourceLocale: 'en',
  });
}

/** Left of `needle`'s first character minus left of its last, as rendered: < 0 when laid out left to right. */
async function order(page: Page, needle: string): Promise<number> {
  // A string script: the page's DOM types are not this project's (lib ES2023 only).
  return page.evaluate(`((n) => {
    const article = document.querySelector('article');
    const full = article.textContent;
    if (!full.includes(n)) throw new Error('not found: ' + n);
    // The needle may span several text nodes (<bdi> runs): map offsets to nodes.
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let at = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      nodes.push({ node: t, start: at });
      at += t.data.length;
    }
    const rectAt = (offset) => {
      const hit = nodes.filter((x) => x.start <= offset).at(-1);
      const r = document.createRange();
      r.setStart(hit.node, offset - hit.start);
      r.setEnd(hit.node, offset - hit.start + 1);
      return r.getBoundingClientRect();
    };
    const start = full.indexOf(n);
    return rectAt(start).left - rectAt(start + n.length - 1).left;
  })(${JSON.stringify(needle)})`);
}

const secure = publicHeaders("'self'");

describe.skipIf(!chromiumAvailable)('readers’ pages in Chromium', () => {
  let chromium: RunningBrowser;
  const problems: string[] = [];
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  async function open(locale: string, html: string, status = 200): Promise<Page> {
    const context = await chromium.person({ locale: 'en-GB' });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${locale}: ${m.text()}`); });
    await page.route(`${base}/**`, (route) => route.fulfill({ status, headers: { ...secure.html, 'Content-Type': 'text/html; charset=utf-8' }, body: html }));
    await page.goto(`${base}/${locale}.html`);
    return page;
  }

  it('keeps a phone number and Latin runs in left-to-right order in ar, fa and ur', async () => {
    for (const locale of ['ar', 'fa', 'ur']) {
      const page = await open(locale, pageFor(locale));
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await order(page, '+44 20 7946 0000'), `${locale} phone`).toBeLessThan(0);
      expect(await order(page, 'UNHCR 2024'), `${locale} Latin run`).toBeLessThan(0);
      expect(await order(page, 'https://example.org/report'), `${locale} URL`).toBeLessThan(0);
      await page.context().close();
    }
  });

  it('shows each edition styled, with its switcher, right to left where it should; and the 404 page', async () => {
    for (const locale of ['en', 'es', 'ar', 'fa']) {
      const page = await open(locale, pageFor(locale));
      // The inline stylesheet applies under the page's CSP.
      expect(await page.evaluate("getComputedStyle(document.querySelector('.page')).maxWidth")).toBe('672px');
      expect(await page.locator('nav.languages a').count()).toBe(locales.length - 1);
      const footer = page.locator('footer.edition-provenance');
      const dir = await page.evaluate('getComputedStyle(document.body).direction');
      expect(dir).toBe(locale === 'ar' || locale === 'fa' ? 'rtl' : 'ltr');
      expect(await footer.textContent()).not.toContain('Rania');
      await page.screenshot({ path: screenshotPath(`reader-edition-${locale}`), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('nav.languages').isVisible()).toBe(false);
      await page.context().close();
    }
    const missing = await open('de', notFoundDocument({ locale: 'es', editions: locales.map((l) => ({ locale: l, url: `${base}/${l}.html` })), statementKnown: true }), 404);
    expect(await missing.locator('h1').textContent()).toBe('Edición no encontrada');
    expect(await missing.locator('main a').count()).toBe(locales.length);
    await missing.screenshot({ path: screenshotPath('reader-404'), fullPage: true });
    await missing.context().close();
    // Nothing refused by the CSP, no error but the 404's own status.
    expect(problems.filter((p) => !p.startsWith('de: Failed to load resource: the server responded with a status of 404'))).toEqual([]);
  });
});
