/**
 * A sitemaps.org `<urlset>` of published editions, each URL with an
 * `<xhtml:link rel="alternate" hreflang>` for every edition of the same statement, itself
 * included (as search engines require). Written by hand: every value is checked
 * (public-url.ts) and escaped (xml-text.ts).
 */
import { hreflang, publicUrl, timeOf } from './public-url.ts';
import { xmlText } from './xml-text.ts';

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
    const links = [...alternates].map(([tag, href]) => `\n    <xhtml:link rel="alternate" hreflang="${xmlText(tag)}" href="${xmlText(href)}"/>`);
    return `  <url>\n    <loc>${xmlText(loc)}</loc>\n    <lastmod>${xmlText(lastmod(entry.lastmod, what))}</lastmod>${links.join('')}\n  </url>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    urls.join('') +
    '</urlset>\n'
  );
}

/** W3C Datetime: a plain date stays as it is, anything else becomes an ISO time in UTC. */
function lastmod(value: string, what: string): string {
  const time = timeOf(value, `${what} lastmod`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : time.toISOString();
}
