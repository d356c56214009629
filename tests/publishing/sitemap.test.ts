/** buildSitemap: a sitemaps.org urlset with hreflang alternates, parsed back as XML. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { childElements, parseXml, textOf } from '../../src/interchange/safe-xml.ts';
import { buildSitemap, type SitemapEntry } from '../../src/publishing/sitemap.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, htmlEntities: true, isArray: (name) => name === 'url' || name === 'xhtml:link' });

interface Parsed {
  urlset: { '@_xmlns': string; '@_xmlns:xhtml': string; url?: { loc: string; lastmod: string; 'xhtml:link'?: { '@_rel': string; '@_hreflang': string; '@_href': string }[] }[] };
}

const alternates = [
  { locale: 'en', url: 'https://example.org/published/seed-bank/en' },
  { locale: 'fr', url: 'https://example.org/published/seed-bank/fr?a=1&b=<2>' },
  { locale: 'ar', url: 'https://example.org/published/seed-bank/ar' },
];
const entries: SitemapEntry[] = alternates.map((a) => ({ url: a.url, lastmod: '2026-04-04T10:05:00Z', alternates }));

function parsed(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Parsed;
}

describe('buildSitemap', () => {
  it('lists every URL with every alternate, itself included, escaped and normalised', () => {
    const { urlset } = parsed(buildSitemap(entries));
    expect(urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset['@_xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    const fr = 'https://example.org/published/seed-bank/fr?a=1&b=%3C2%3E';
    expect(urlset.url!.map((u) => u.loc)).toEqual([alternates[0]!.url, fr, alternates[2]!.url]);
    for (const url of urlset.url!) {
      expect(url.lastmod).toBe('2026-04-04T10:05:00.000Z');
      expect(url['xhtml:link']!.map((l) => [l['@_rel'], l['@_hreflang'], l['@_href']])).toEqual([
        ['alternate', 'en', alternates[0]!.url],
        ['alternate', 'fr', fr],
        ['alternate', 'ar', alternates[2]!.url],
      ]);
      expect(url['xhtml:link']!.some((l) => l['@_href'] === url.loc)).toBe(true);
    }
  });

  it('keeps a plain date, writes x-default, and makes an empty urlset', () => {
    const { urlset } = parsed(buildSitemap([{ url: 'https://example.org/a', lastmod: '2026-04-04', alternates: [{ locale: 'x-default', url: 'https://example.org/a' }, { locale: 'fr-ca', url: 'https://example.org/b' }] }]));
    expect(urlset.url![0]!.lastmod).toBe('2026-04-04');
    expect(urlset.url![0]!['xhtml:link']!.map((l) => l['@_hreflang'])).toEqual(['x-default', 'fr-CA']);
    expect(parsed(buildSitemap([])).urlset.url).toBeUndefined();
  });

  it('writes hostile URLs so that the strict reader takes them back', () => {
    const url = `https://example.org/a?q=]]>&x="'<y>`;
    const xml = buildSitemap([{ url, lastmod: '2026-04-04', alternates: [{ locale: 'en', url }] }]);
    const urlset = parseXml(xml).elements!.find((e) => e.type === 'element')!;
    const [entry] = childElements(urlset, 'url');
    const loc = textOf(childElements(entry, 'loc')[0]);
    expect(loc).toBe(new URL(url).href);
    expect(childElements(entry, 'xhtml:link')[0]!.attributes).toEqual({ rel: 'alternate', hreflang: 'en', href: loc });
  });

  it('refuses what would make a wrong sitemap', () => {
    const one = entries[0]!;
    expect(() => buildSitemap([{ ...one, url: 'javascript:alert(1)' }])).toThrow(/http/);
    expect(() => buildSitemap([{ ...one, url: '/relative' }])).toThrow(/absolute/);
    expect(() => buildSitemap([{ ...one, lastmod: 'yesterday' }])).toThrow(/date/);
    expect(() => buildSitemap([{ ...one, alternates: [{ locale: 'not a tag!', url: one.url }] }])).toThrow(/language tag/);
    expect(() => buildSitemap([{ ...one, alternates: alternates.slice(1) }])).toThrow(/itself/);
  });
});
