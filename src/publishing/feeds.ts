/**
 * RSS 2.0 and Atom feeds of the published editions of one locale, newest first. Each entry
 * links its editions in other languages (Atom: `<link rel="alternate" hreflang>`; RSS:
 * `<atom:link rel="alternate" hreflang>`), and a corrected entry is marked (category
 * `correction`; Atom `updated` is the correction time; the RSS title starts with the
 * localised "Corrected:").
 *
 * Built as xast trees and written by the project's XML writer (src/xml-writer.ts), which
 * escapes every text and attribute and drops the characters XML 1.0 cannot carry.
 * URLs are checked and normalised first (public-url.ts). An RSS description is HTML by
 * convention: the summary goes in as an HTML text node (hast-util-to-html), so `<` in it reads
 * as text, not markup. Atom titles and summaries are `type="text"`.
 */
import { toHtml } from 'hast-util-to-html';
import { x, xmlDocument, type Element } from '../xml-writer.ts';
import { editionLabels } from './edition-labels.ts';
import { hreflang, publicUrl, timeOf } from './public-url.ts';

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

function render(p: Prepared, format: Format): string {
  return xmlDocument(format === 'rss' ? rss(p) : atom(p));
}

const atomNs = 'http://www.w3.org/2005/Atom';

function rss(p: Prepared): Element {
  return x('rss', { version: '2.0', 'xmlns:atom': atomNs }, [
    x('channel', [
      x('title', p.title),
      x('link', p.siteUrl),
      x('description', p.title),
      x('lastBuildDate', p.updated.toUTCString()),
      x('docs', 'https://validator.w3.org/feed/docs/rss2.html'),
      x('generator', 'Editions'),
      x('language', p.locale),
      p.feedUrls.rss ? x('atom:link', { href: p.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }) : undefined,
      ...p.entries.map((e) =>
        x('item', [
          x('title', e.correctedTitle ?? e.title),
          ...e.alternates.map((a) => x('atom:link', { rel: 'alternate', hreflang: a.locale, href: a.url })),
          x('link', e.url),
          x('guid', { isPermaLink: 'true' }, e.url),
          x('pubDate', e.published.toUTCString()),
          // RSS descriptions are HTML by convention: the summary is an HTML text node.
          e.summary ? x('description', toHtml({ type: 'text', value: e.summary }, { characterReferences: { useNamedReferences: true } })) : undefined,
          e.correctedTitle ? x('category', 'correction') : undefined,
        ]),
      ),
    ]),
  ]);
}

function atom(p: Prepared): Element {
  return x('feed', { xmlns: atomNs, 'xml:lang': p.locale }, [
    x('id', p.feedUrls.atom ?? `${p.siteUrl}#feed-${p.locale}`),
    x('title', p.title),
    x('updated', p.updated.toISOString()),
    x('generator', 'Editions'),
    x('author', [x('name', p.author)]),
    x('link', { rel: 'alternate', href: p.siteUrl }),
    p.feedUrls.atom ? x('link', { rel: 'self', href: p.feedUrls.atom }) : undefined,
    x('subtitle', p.title),
    ...p.entries.map((e) =>
      x('entry', [
        x('title', { type: 'text' }, e.title),
        ...e.alternates.map((a) => x('link', { rel: 'alternate', hreflang: a.locale, href: a.url })),
        x('id', e.url),
        x('link', { href: e.url }),
        x('updated', e.updated.toISOString()),
        e.summary ? x('summary', { type: 'text' }, e.summary) : undefined,
        e.correctedTitle ? x('category', { term: 'correction' }) : undefined,
        x('published', e.published.toISOString()),
      ]),
    ),
  ]);
}
