/**
 * Readers' pages: labels in the edition's own language (every label key in every locale that
 * has labels; a site language before English; extra label files), how reviewers are shown,
 * and the whole page and the 404 page: valid HTML (parse5 reports no parse error), their
 * meta tags, alternates and language switcher.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import * as P from 'parse5';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.ts';
import { footerFrom, initialsOf, publicProvenance } from '../../src/publishing/edition-footer.ts';
import { editionLabels, labelLanguage } from '../../src/publishing/edition-labels.ts';
import { editionStylesheet, editionStylesheetHash, htmlDocument, notFoundDocument } from '../../src/publishing/html-document.ts';
import { renderEditionHtml } from '../../src/publishing/render-html.ts';
import { publicHeaders } from '../../server/public-headers.ts';

const root = new URL('../../locales/', import.meta.url).pathname;
const flat = (v: unknown, prefix = ''): Record<string, string> =>
  typeof v === 'string' ? { [prefix]: v } : Object.assign({}, ...Object.entries(v as object).map(([k, x]) => flat(x, prefix ? `${prefix}.${k}` : k)));
const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const provenance = {
  source: false, sourceRevision: 3, segments: 2, machineAssistedShare: 0.5, unreviewedMachineShare: 0, engines: ['apertium'],
  reviewers: ['Ana María López', 'Rémi Relecteur'], approvedAt: '2026-04-03T09:30:00Z',
};
const publishedAt = '2026-04-04T10:05:00Z';
const tree = parseMarkdown('# Banco de semillas\n\nLa red abrió su banco de semillas.\n');

function parseStrict(html: string): { doc: P.DefaultTreeAdapterMap['document']; errors: string[] } {
  const errors: string[] = [];
  const doc = P.parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return { doc, errors };
}
type El = P.DefaultTreeAdapterMap['element'];
function all(node: P.DefaultTreeAdapterMap['parentNode']): El[] {
  return node.childNodes.flatMap((n) => ('tagName' in n ? [n as El, ...all(n as El)] : []));
}
const attr = (e: El, name: string) => e.attrs.find((a) => a.name === name)?.value;
const text = (e: El): string => e.childNodes.map((n) => ('value' in n ? (n as { value: string }).value : 'tagName' in n ? text(n as El) : '')).join('');

describe('edition labels', () => {
  const files = readdirSync(root).filter((d) => existsSync(join(root, d, 'edition.json')));
  const en = flat(JSON.parse(readFileSync(join(root, 'en', 'edition.json'), 'utf8')));

  it('has every key, with the same {{variables}}, in every locale that has labels (es and fa among them)', () => {
    expect(files).toEqual(expect.arrayContaining(['en', 'fr', 'ar', 'es', 'fa']));
    for (const lng of files) {
      const own = flat(JSON.parse(readFileSync(join(root, lng, 'edition.json'), 'utf8')));
      expect(Object.keys(own).sort(), lng).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(en)) expect(vars(own[k]!), `${lng} ${k}`).toEqual(vars(v));
    }
  });

  it('speaks Spanish and Persian in Spanish and Persian editions', () => {
    const footer = footerFrom(provenance, { publishedAt });
    expect(renderEditionHtml(tree, 'es', { footer })).toContain('Sobre esta edición');
    expect(renderEditionHtml(tree, 'es-MX', { footer })).toContain('Publicado el');
    expect(renderEditionHtml(tree, 'fa', { footer })).toContain('دربارهٔ این نسخه');
  });

  it('falls back to the site language, not English, for a locale without labels', () => {
    expect(labelLanguage('de', { siteLanguage: 'fr' })).toBe('fr');
    expect(editionLabels('de', { siteLanguage: 'fr' })('footer.heading')).toBe('À propos de cette édition');
    expect(labelLanguage('de')).toBe('en');
    const html = renderEditionHtml(tree, 'de', { footer: footerFrom(provenance, { publishedAt }), labels: { siteLanguage: 'es' } });
    expect(html).toContain('Sobre esta edición');
    expect(html).toContain('lang="es"');
  });

  const dir = mkdtempSync(join(tmpdir(), 'labels-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a locale\'s labels from the labels folder, its missing keys from the site language', () => {
    writeFileSync(join(dir, 'ur.json'), JSON.stringify({ footer: { heading: 'اس اشاعت کے بارے میں' } }));
    const labels = { labelsDir: dir, siteLanguage: 'ar' };
    expect(labelLanguage('ur', labels)).toBe('ur');
    const t = editionLabels('ur', labels);
    expect(t('footer.heading')).toBe('اس اشاعت کے بارے میں');
    expect(t('footer.publishedAt')).toBe('تاريخ النشر');
    const html = renderEditionHtml(tree, 'ur', { footer: footerFrom(provenance, { publishedAt }), labels });
    expect(html).toContain('اس اشاعت کے بارے میں');
  });
});

describe('reviewers on published pages', () => {
  const footerText = (display: 'name' | 'initials' | 'role' | 'none' | undefined) =>
    renderEditionHtml(tree, 'en', { footer: footerFrom(provenance, { publishedAt, ...(display ? { reviewerDisplay: display } : {}) }) });

  it('shows the role only by default: how many reviewed, never who', () => {
    const html = footerText(undefined);
    expect(html).not.toContain('López');
    expect(html).not.toContain('Reviewed by');
    expect(html).toMatch(/<dt>Reviewers<\/dt><dd>2<\/dd>/);
  });

  it('shows names, initials or nothing when so configured', () => {
    expect(footerText('name')).toContain('Ana María López');
    expect(initialsOf('Ana María López')).toBe('A. M. L.');
    expect(initialsOf('رانیا مراجع')).toBe('ر. م.');
    const initials = footerText('initials');
    expect(initials).toContain('A. M. L.');
    expect(initials).not.toContain('López');
    const none = footerText('none');
    expect(none).not.toContain('Reviewer');
    expect(none).not.toContain('López');
  });

  it('keeps the public JSON to the same rule', () => {
    expect(publicProvenance(provenance, 'role')).toMatchObject({ reviewers: [], reviewerCount: 2 });
    expect(publicProvenance(provenance, 'initials').reviewers).toEqual(['A. M. L.', 'R. R.']);
  });
});

describe('the whole page of an edition', () => {
  const alternates = ['ar', 'en', 'es', 'fa'].map((l) => ({ locale: l, url: `https://news.example.org/published/seed-bank/${l}.html` }));
  const page = (locale: string) =>
    htmlDocument({
      locale,
      title: 'Banco de semillas <b>',
      description: 'La red abrió su banco de semillas.',
      article: renderEditionHtml(tree, locale, { footer: footerFrom(provenance, { publishedAt }) }),
      canonical: alternates.find((a) => a.locale === locale)!.url,
      alternates,
      sourceLocale: 'en',
    });

  it('is valid HTML with title, description, canonical, hreflang, Open Graph and Twitter tags', () => {
    const { doc, errors } = parseStrict(page('es'));
    expect(errors).toEqual([]);
    const els = all(doc);
    const html = els.find((e) => e.tagName === 'html')!;
    expect([attr(html, 'lang'), attr(html, 'dir')]).toEqual(['es', 'ltr']);
    expect(text(els.find((e) => e.tagName === 'title')!)).toBe('Banco de semillas <b>');
    const meta = (key: string) => els.filter((e) => e.tagName === 'meta' && (attr(e, 'name') === key || attr(e, 'property') === key)).map((e) => attr(e, 'content'));
    expect(meta('description')).toEqual(['La red abrió su banco de semillas.']);
    expect(meta('og:title')).toEqual(['Banco de semillas <b>']);
    expect(meta('og:url')).toEqual(['https://news.example.org/published/seed-bank/es.html']);
    expect(meta('og:locale')).toEqual(['es']);
    expect(meta('og:locale:alternate')).toEqual(['ar', 'en', 'fa']);
    expect(meta('twitter:card')).toEqual(['summary']);
    expect(meta('twitter:title')).toEqual(['Banco de semillas <b>']);
    const links = els.filter((e) => e.tagName === 'link');
    expect(links.filter((l) => attr(l, 'rel') === 'canonical').map((l) => attr(l, 'href'))).toEqual(['https://news.example.org/published/seed-bank/es.html']);
    expect(links.filter((l) => attr(l, 'rel') === 'alternate').map((l) => [attr(l, 'hreflang'), attr(l, 'href')])).toEqual([
      ...alternates.map((a) => [a.locale, a.url]),
      ['x-default', 'https://news.example.org/published/seed-bank/en.html'],
    ]);
  });

  it('has a language switcher naming each other edition in its own language, and its stylesheet allowed by the CSP', () => {
    const els = all(parseStrict(page('fa')).doc);
    const nav = els.find((e) => e.tagName === 'nav')!;
    expect(attr(nav, 'aria-label')).toBe('این بیانیه به زبان‌های دیگر');
    const items = all(nav).filter((e) => e.tagName === 'a').map((a) => [attr(a, 'hreflang'), attr(a, 'lang'), text(a)]);
    expect(items).toEqual([['ar', 'ar', 'العربية'], ['en', 'en', 'English'], ['es', 'es', 'Español']]);
    const style = els.find((e) => e.tagName === 'style')!;
    expect(text(style)).toBe(editionStylesheet);
    expect(editionStylesheetHash).toBe(`'sha256-${createHash('sha256').update(text(style)).digest('base64')}'`);
    expect(publicHeaders("'self'").html['Content-Security-Policy']).toContain(editionStylesheetHash);
    expect(text(style)).toContain('@media print');
    expect(text(style)).toContain('margin-inline');
  });

  it('offers the editions that exist on the 404 page, in the reader\'s language', () => {
    const { doc, errors } = parseStrict(notFoundDocument({ locale: 'fa', editions: alternates.slice(0, 2), statementKnown: true }));
    expect(errors).toEqual([]);
    const els = all(doc);
    expect(attr(els.find((e) => e.tagName === 'html')!, 'dir')).toBe('rtl');
    expect(text(els.find((e) => e.tagName === 'h1')!)).toBe('نسخه پیدا نشد');
    expect(els.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(alternates.slice(0, 2).map((a) => a.url));
    expect(els.some((e) => e.tagName === 'meta' && attr(e, 'content') === 'noindex')).toBe(true);
  });
});
