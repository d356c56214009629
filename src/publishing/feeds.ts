/**
 * RSS 2.0 and Atom feeds of the published editions of one locale, built with the `feed`
 * package, newest first. Each entry links its editions in other languages (Atom:
 * `<link rel="alternate" hreflang>`; RSS: `<atom:link rel="alternate" hreflang>`), and a
 * corrected entry is marked (category `correction`; Atom `updated` is the correction time;
 * the RSS title starts with the localised "Corrected:").
 *
 * `feed` writes CDATA without escaping a second `]]>` and attribute values without
 * escaping `<` or `&`, and has no item-level alternates. So every text from the input goes
 * in as an opaque marker, the package lays out the XML, and the markers are then replaced
 * with text escaped here (xml-text.ts), with the alternates beside the titles. URLs go in
 * as they are, checked and normalised first (public-url.ts): they cannot carry markup.
 */
import { randomUUID } from 'node:crypto';
import { Feed, type Item } from 'feed';
import { editionLabels } from './edition-labels.ts';
import { hreflang, publicUrl, timeOf } from './public-url.ts';
import { xmlText } from './xml-text.ts';

export interface FeedAlternate {
  locale: string;
  url: string;
}

export interface FeedEntry {
  slug: string;
  title: string;
  summary?: string;
  url: string;
  publishedAt: string;
  updatedAt?: string;
  /** The same statement's editions in other locales. */
  alternates: FeedAlternate[];
  correction?: { at: string; note?: string };
}

export interface FeedInput {
  locale: string;
  siteUrl: string;
  title: string;
  entries: FeedEntry[];
  /** The feeds' own addresses (`rel="self"` links; the Atom one is also the feed's id). */
  feedUrls?: { rss?: string; atom?: string };
  /** Atom requires an author; the feed's title when none is given. */
  author?: string;
}

export interface Feeds {
  rss: string;
  atom: string;
}

type Format = 'rss' | 'atom';

interface Prepared {
  locale: string;
  title: string;
  author: string;
  siteUrl: string;
  feedUrls: { rss?: string; atom?: string };
  updated: Date;
  entries: PreparedEntry[];
}

interface PreparedEntry {
  title: string;
  correctedTitle: string | undefined;
  summary: string | undefined;
  url: string;
  published: Date;
  updated: Date;
  alternates: FeedAlternate[];
}

export function buildFeeds(input: FeedInput): Feeds {
  const prepared = prepare(input);
  return { rss: render(prepared, 'rss'), atom: render(prepared, 'atom') };
}

function prepare(input: FeedInput): Prepared {
  const locale = hreflang(input.locale, 'feed locale');
  const labels = editionLabels(locale);
  const entries = input.entries.map((e, i): PreparedEntry & { slug: string } => {
    const what = `feed entry ${i} (${e.slug})`;
    const published = timeOf(e.publishedAt, `${what} publishedAt`);
    const updated = e.correction ? timeOf(e.correction.at, `${what} correction.at`) : e.updatedAt ? timeOf(e.updatedAt, `${what} updatedAt`) : published;
    const note = e.correction?.note ? labels('feed.correctionNote', { note: e.correction.note }) : undefined;
    // One alternate per language: the first given.
    const alternates = new Map<string, FeedAlternate>();
    for (const a of e.alternates) {
      const tag = hreflang(a.locale, `${what} alternate`);
      if (!alternates.has(tag)) alternates.set(tag, { locale: tag, url: publicUrl(a.url, `${what} alternate`) });
    }
    return {
      slug: e.slug,
      title: e.title,
      correctedTitle: e.correction ? labels('feed.correctedTitle', { title: e.title }) : undefined,
      summary: [e.summary, note].filter((s): s is string => Boolean(s)).join('\n\n') || undefined,
      url: publicUrl(e.url, what),
      published,
      updated,
      alternates: [...alternates.values()],
    };
  });
  entries.sort((a, b) => b.published.getTime() - a.published.getTime() || a.slug.localeCompare(b.slug));
  const latest = Math.max(0, ...entries.map((e) => e.updated.getTime()));
  return {
    locale,
    title: input.title,
    author: input.author ?? input.title,
    siteUrl: publicUrl(input.siteUrl, 'siteUrl'),
    feedUrls: {
      ...(input.feedUrls?.rss ? { rss: publicUrl(input.feedUrls.rss, 'feedUrls.rss') } : {}),
      ...(input.feedUrls?.atom ? { atom: publicUrl(input.feedUrls.atom, 'feedUrls.atom') } : {}),
    },
    updated: new Date(latest),
    entries,
  };
}

/** Opaque stand-ins for texts, unique to one rendering. */
class Markers {
  private readonly nonce = randomUUID().replace(/-/g, '');
  private readonly texts: string[] = [];
  /** A marker, without capture groups (for embedding in other patterns). */
  readonly source = `editions${this.nonce}m\\d+`;
  readonly pattern = new RegExp(this.source, 'g');

  mark(text: string): string {
    this.texts.push(text);
    return `editions${this.nonce}m${this.texts.length - 1}`;
  }

  text(marker: string): string {
    const n = Number(new RegExp(`^editions${this.nonce}m(\\d+)$`).exec(marker)?.[1]);
    const text = this.texts[n];
    if (text === undefined) throw new Error(`unknown feed marker ${marker}`);
    return text;
  }
}

function render(p: Prepared, format: Format): string {
  const markers = new Markers();
  const feed = new Feed({
    id: p.feedUrls.atom ?? `${p.siteUrl}#feed-${p.locale}`,
    title: markers.mark(p.title),
    description: markers.mark(p.title),
    link: p.siteUrl,
    language: p.locale,
    updated: p.updated,
    generator: 'Editions',
    author: { name: markers.mark(p.author) },
    feedLinks: p.feedUrls,
  });
  const alternatesOf = new Map<string, FeedAlternate[]>();
  for (const e of p.entries) {
    const title = markers.mark(format === 'rss' ? e.correctedTitle ?? e.title : e.title);
    alternatesOf.set(title, e.alternates);
    const item: Item = { title, link: e.url, date: e.updated, published: e.published };
    if (e.summary) item.description = markers.mark(e.summary);
    if (e.correctedTitle) item.category = [format === 'rss' ? { name: 'correction' } : { term: 'correction' }];
    feed.addItem(item);
  }
  const xml = format === 'rss' ? withAtomNamespace(feed.rss2()) : withLanguage(feed.atom1(), p.locale);
  return fillIn(xml, format, markers, alternatesOf);
}

/** `xml:lang` on the Atom root, which `feed` does not write. */
function withLanguage(xml: string, locale: string): string {
  const root = '<feed xmlns="http://www.w3.org/2005/Atom"';
  if (xml.indexOf(root) < 0) throw new Error('feed: unexpected Atom layout');
  return xml.replace(root, `${root} xml:lang="${xmlText(locale)}"`);
}

/** The Atom namespace on the RSS root, for the items' alternates. */
function withAtomNamespace(xml: string): string {
  const root = /<rss\b[^>]*>/.exec(xml);
  if (!root) throw new Error('feed: unexpected RSS layout');
  if (root[0].includes('xmlns:atom=')) return xml;
  return xml.replace(root[0], `${root[0].slice(0, -1)} xmlns:atom="http://www.w3.org/2005/Atom">`);
}

function alternateLinks(alternates: readonly FeedAlternate[], format: Format, indent: string): string {
  const tag = format === 'rss' ? 'atom:link' : 'link';
  return alternates.map((a) => `\n${indent}<${tag} rel="alternate" hreflang="${xmlText(a.locale)}" href="${xmlText(a.url)}"/>`).join('');
}

function fillIn(xml: string, format: Format, markers: Markers, alternatesOf: ReadonlyMap<string, FeedAlternate[]>): string {
  const m = markers.source;
  // Entry titles: escaped text (Atom: type text, not html), then the entry's alternates.
  const titles = new RegExp(`^([ \\t]*)<title(?: type="html")?><!\\[CDATA\\[(${m})\\]\\]></title>$`, 'gm');
  // Summaries: Atom as text; RSS descriptions are HTML by convention, so HTML-escaped first.
  const summaries = new RegExp(`<(summary type="html"|description)><!\\[CDATA\\[(${m})\\]\\]></(summary|description)>`, 'g');
  const out = xml
    .replace(titles, (_all, indent: string, marker: string) => {
      const typed = format === 'atom' ? '<title type="text">' : '<title>';
      return `${indent}${typed}${xmlText(markers.text(marker))}</title>${alternateLinks(alternatesOf.get(marker) ?? [], format, indent)}`;
    })
    .replace(summaries, (_all, _open: string, marker: string, close: string) => {
      const text = markers.text(marker);
      return format === 'atom' ? `<summary type="text">${xmlText(text)}</summary>` : `<${close}>${xmlText(htmlText(text))}</${close}>`;
    })
    // Other texts (feed title, subtitle, author) are element text already.
    .replace(markers.pattern, (marker) => xmlText(markers.text(marker)));
  if (out.includes('<![CDATA[')) throw new Error('feed: unexpected CDATA left');
  return out;
}

function htmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
