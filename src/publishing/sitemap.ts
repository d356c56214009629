/**
 * A sitemaps.org `<urlset>` of published editions, each URL with an
 * `<xhtml:link rel="alternate" hreflang>` for every edition of the same statement, itself
 * included (as search engines require). Every value is checked (public-url.ts); the document
 * is built as an xast tree and written (escaped) by the project's XML writer (xml-writer.ts).
 */
import { x, xmlDocument } from '../xml-writer.ts';
import { hreflang, publicUrl, timeOf } from './public-url.ts';

export interface SitemapEntry {
  url: string;
  /** ISO date (`2025-03-12`) or date and time. */
  lastmod: string;
  /** Every edition of the statement, this one included: `locale` is its hreflang. */
  alternates: { locale: string; url: string }[];
}

/** The sitemaps.org limit of URLs in one file. */
export const maxSitemapUrls = 50_000;

export function buildSitemap(entries: SitemapEntry[]): string {
  if (entries.length > maxSitemapUrls) throw new RangeError(`A sitemap holds at most ${maxSitemapUrls} URLs, not ${entries.length}`);
  const urls = entries.map((entry, i) => {
    const what = `sitemap entry ${i}`;
    const loc = publicUrl(entry.url, what);
    const alternates = new Map<string, string>();
    for (const a of entry.alternates) {
      const tag = hreflang(a.locale, `${what} alternate`);
      if (!alternates.has(tag)) alternates.set(tag, publicUrl(a.url, `${what} alternate`));
    }
    if (alternates.size > 0 && ![...alternates.values()].includes(loc)) {
      throw new TypeError(`${what}: its alternates must include ${loc} itself`);
    }
    return x('url', [
      x('loc', loc),
      x('lastmod', lastmod(entry.lastmod, what)),
      ...[...alternates].map(([tag, href]) => x('xhtml:link', { rel: 'alternate', hreflang: tag, href })),
    ]);
  });
  return xmlDocument(x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' }, urls));
}

/** W3C Datetime: a plain date stays as it is, anything else becomes an ISO time in UTC. */
function lastmod(value: string, what: string): string {
  const time = timeOf(value, `${what} lastmod`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : time.toISOString();
}
