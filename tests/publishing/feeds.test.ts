/**
 * buildFeeds: RSS 2.0 and Atom, parsed back with a real XML parser: titles, links, dates,
 * hreflang alternates, the marking of corrections, escaping, and an Arabic feed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { childElements, parseXml, textOf, type Element } from '../../src/interchange/safe-xml.ts';
import { buildFeeds, type FeedInput } from '../../src/publishing/feeds.ts';

const arrays = new Set(['item', 'entry', 'link', 'atom:link', 'category']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, htmlEntities: true, isArray: (name) => arrays.has(name) });

type Attrs = Record<string, string>;
interface RssItem { title: string; link: string[]; guid: { '#text': string }; pubDate: string; description?: string; category?: string[]; 'atom:link'?: Attrs[] }
interface Rss { rss: Attrs & { channel: { title: string; language: string; lastBuildDate: string; item?: RssItem[] } } }
interface AtomEntry { title: { '#text': string; '@_type': string }; id: string; link: Attrs[]; updated: string; published: string; summary?: { '#text': string }; category?: Attrs[] }
interface Atom { feed: Attrs & { title: string; updated: string; entry?: AtomEntry[] } }

function both(input: FeedInput): { rss: Rss; atom: Atom } {
  const feeds = buildFeeds(input);
  expect(XMLValidator.validate(feeds.rss)).toBe(true);
  expect(XMLValidator.validate(feeds.atom)).toBe(true);
  return { rss: parser.parse(feeds.rss) as Rss, atom: parser.parse(feeds.atom) as Atom };
}

const site = 'https://editions.example.org';
const input: FeedInput = {
  locale: 'en',
  siteUrl: site,
  title: 'Statements <&> more',
  entries: [
    {
      slug: 'seed-bank',
      title: 'Seed bank opens',
      summary: 'The network opened its third depot.',
      url: `${site}/published/seed-bank/en`,
      publishedAt: '2026-04-03T09:00:00Z',
      alternates: [
        { locale: 'fr', url: `${site}/published/seed-bank/fr` },
        { locale: 'ar', url: `${site}/published/seed-bank/ar?x=1&y=2` },
      ],
      correction: { at: '2026-04-05T08:00:00Z', note: 'The figure was wrong.' },
    },
    {
      slug: 'rivers',
      title: 'Rivers <b>& lakes</b> ]]> report ]]>',
      url: `${site}/published/rivers/en`,
      publishedAt: '2026-04-04T12:00:00Z',
      updatedAt: '2026-04-04T13:00:00Z',
      alternates: [{ locale: 'fr-ca', url: `${site}/published/rivers/fr-CA` }],
    },
    { slug: 'old', title: 'Old news', url: `${site}/published/old/en`, publishedAt: '2025-01-01T00:00:00Z', alternates: [] },
  ],
};

describe('buildFeeds', () => {
  const { rss, atom } = both(input);
  const items = rss.rss.channel.item!;
  const entries = atom.feed.entry!;

  it('lists entries newest first, with their links and dates', () => {
    expect(items.map((i) => i.link.join())).toEqual([`${site}/published/rivers/en`, `${site}/published/seed-bank/en`, `${site}/published/old/en`]);
    expect(items.map((i) => i.pubDate)).toEqual(['Sat, 04 Apr 2026 12:00:00 GMT', 'Fri, 03 Apr 2026 09:00:00 GMT', 'Wed, 01 Jan 2025 00:00:00 GMT']);
    expect(entries.map((e) => e.id)).toEqual([`${site}/published/rivers/en`, `${site}/published/seed-bank/en`, `${site}/published/old/en`]);
    expect(entries.map((e) => e.published)).toEqual(['2026-04-04T12:00:00.000Z', '2026-04-03T09:00:00.000Z', '2025-01-01T00:00:00.000Z']);
    expect(entries.map((e) => e.updated)).toEqual(['2026-04-04T13:00:00.000Z', '2026-04-05T08:00:00.000Z', '2025-01-01T00:00:00.000Z']);
    expect(atom.feed.updated).toBe('2026-04-05T08:00:00.000Z');
    expect(rss.rss.channel.lastBuildDate).toBe('Sun, 05 Apr 2026 08:00:00 GMT');
  });

  it('escapes < and & in titles: they come back as the same text', () => {
    expect(rss.rss.channel.title).toBe('Statements <&> more');
    expect(atom.feed.title).toBe('Statements <&> more');
    expect(items[0]!.title).toBe('Rivers <b>& lakes</b> ]]> report ]]>');
    expect(entries[0]!.title).toEqual({ '#text': 'Rivers <b>& lakes</b> ]]> report ]]>', '@_type': 'text' });
    const raw = buildFeeds(input);
    // `]]>` may not stand in content: its `>` goes in a CDATA section of its own.
    expect(raw.atom).toContain('<title type="text">Rivers &#x3C;b>&#x26; lakes&#x3C;/b> ]]<![CDATA[>]]> report ]]<![CDATA[>]]></title>');
    expect(raw.rss).not.toContain('<b>');
    // The strict reader (sax) takes both back.
    for (const xml of [raw.rss, raw.atom]) {
      const titles = (e: Element): string[] => [...(e.name === 'title' ? [textOf(e)] : []), ...childElements(e).flatMap(titles)];
      expect(titles(parseXml(xml))).toContain('Rivers <b>& lakes</b> ]]> report ]]>');
    }
  });

  it('links each entry to its editions in other languages, with hreflang', () => {
    expect(rss.rss['@_xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
    expect(items[1]!['atom:link']).toEqual([
      { '@_rel': 'alternate', '@_hreflang': 'fr', '@_href': `${site}/published/seed-bank/fr` },
      { '@_rel': 'alternate', '@_hreflang': 'ar', '@_href': `${site}/published/seed-bank/ar?x=1&y=2` },
    ]);
    expect(items[0]!['atom:link']).toEqual([{ '@_rel': 'alternate', '@_hreflang': 'fr-CA', '@_href': `${site}/published/rivers/fr-CA` }]);
    expect(items[2]!['atom:link']).toBeUndefined();
    const alternates = (e: AtomEntry) => e.link.filter((l) => l['@_hreflang']).map((l) => [l['@_rel'], l['@_hreflang'], l['@_href']]);
    expect(alternates(entries[1]!)).toEqual([
      ['alternate', 'fr', `${site}/published/seed-bank/fr`],
      ['alternate', 'ar', `${site}/published/seed-bank/ar?x=1&y=2`],
    ]);
    expect(entries[1]!.link.some((l) => l['@_href'] === `${site}/published/seed-bank/en` && !l['@_hreflang'])).toBe(true);
  });

  it('marks a correction: category, Atom updated time, RSS title prefix, and the note', () => {
    expect(items[1]!.title).toBe('Corrected: Seed bank opens');
    expect(items[1]!.category).toEqual(['correction']);
    expect(items[1]!.description).toBe('The network opened its third depot.\n\nCorrection: The figure was wrong.');
    expect(entries[1]!.title['#text']).toBe('Seed bank opens');
    expect(entries[1]!.category).toEqual([{ '@_term': 'correction' }]);
    expect(entries[1]!.updated).toBe('2026-04-05T08:00:00.000Z');
    expect(entries[1]!.summary!['#text']).toBe('The network opened its third depot.\n\nCorrection: The figure was wrong.');
    for (const i of [0, 2]) {
      expect(items[i]!.category).toBeUndefined();
      expect(entries[i]!.category).toBeUndefined();
      expect(items[i]!.title).not.toMatch(/^Corrected/);
    }
  });

  it('sets the feed language', () => {
    expect(rss.rss.channel.language).toBe('en');
    expect(atom.feed['@_xml:lang']).toBe('en');
  });

  it('writes an Arabic feed, with an Arabic correction label', () => {
    const ar = both({
      locale: 'ar',
      siteUrl: site,
      title: 'بيانات صحفية',
      entries: [{
        slug: 'seed-bank',
        title: 'افتتاح بنك البذور & UNHCR',
        summary: 'افتتحت الشبكة مستودعها الثالث <3',
        url: `${site}/published/seed-bank/ar`,
        publishedAt: '2026-04-03T09:00:00Z',
        alternates: [{ locale: 'en', url: `${site}/published/seed-bank/en` }, { locale: 'ar', url: `${site}/published/seed-bank/ar` }],
        correction: { at: '2026-04-05T08:00:00Z' },
      }],
    });
    expect(ar.rss.rss.channel.language).toBe('ar');
    expect(ar.atom.feed['@_xml:lang']).toBe('ar');
    expect(ar.rss.rss.channel.title).toBe('بيانات صحفية');
    expect(ar.rss.rss.channel.item![0]!.title).toBe('تصحيح: افتتاح بنك البذور & UNHCR');
    expect(ar.rss.rss.channel.item![0]!.description).toBe('افتتحت الشبكة مستودعها الثالث &lt;3');
    expect(ar.atom.feed.entry![0]!.title['#text']).toBe('افتتاح بنك البذور & UNHCR');
    expect(ar.atom.feed.entry![0]!.summary!['#text']).toBe('افتتحت الشبكة مستودعها الثالث <3');
    expect(ar.atom.feed.entry![0]!.link.filter((l) => l['@_hreflang']).map((l) => l['@_hreflang'])).toEqual(['en', 'ar']);
  });

  it('refuses URLs that are not http(s) and times that are not times', () => {
    const entry = input.entries[0]!;
    expect(() => buildFeeds({ ...input, entries: [{ ...entry, url: 'javascript:alert(1)' }] })).toThrow(/http/);
    expect(() => buildFeeds({ ...input, entries: [{ ...entry, alternates: [{ locale: 'fr', url: 'data:text/html,x' }] }] })).toThrow(/http/);
    expect(() => buildFeeds({ ...input, entries: [{ ...entry, publishedAt: 'soon' }] })).toThrow(/date/);
    expect(() => buildFeeds({ ...input, locale: 'en"><x' })).toThrow(/language tag/);
  });

  it('writes hostile titles and summaries that the strict reader takes back, without the characters XML 1.0 forbids', () => {
    const hostile = 'A ]]> B & &amp; <i>c</i> "d" \u0001\u0008\u000B\u001F\uFFFE\uDFFF e';
    const kept = 'A ]]> B & &amp; <i>c</i> "d"  e';
    const feeds = buildFeeds({ ...input, title: hostile, author: hostile, entries: [{ ...input.entries[1]!, title: hostile, summary: hostile }] });
    const texts = (e: Element, name: string): string[] => [...(e.name === name ? [textOf(e)] : []), ...childElements(e).flatMap((c) => texts(c, name))];
    const rssDoc = parseXml(feeds.rss);
    const atomDoc = parseXml(feeds.atom);
    expect(texts(rssDoc, 'title')).toEqual([kept, kept]);
    // An RSS description is HTML: the summary as escaped HTML text.
    expect(texts(rssDoc, 'description')).toEqual([kept, 'A ]]> B &amp; &amp;amp; &lt;i>c&lt;/i> "d"  e']);
    expect(texts(atomDoc, 'title')).toEqual([kept, kept]);
    expect(texts(atomDoc, 'name')).toEqual([kept]);
    expect(texts(atomDoc, 'summary')).toEqual([kept]);
  });

  it('is the same for the same input', () => {
    expect(buildFeeds(input)).toEqual(buildFeeds(input));
  });
});
