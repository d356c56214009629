/**
 * The RSS and Atom feeds of one locale from its live editions: newest first, each entry
 * with its hreflang alternates (the other live locales of the statement) and its
 * correction, if any. URLs come from `urlOf`, so the service and the static export can lay
 * their files out differently.
 */
import type { LiveEdition } from './live-edition.ts';
import { editionLabels } from './edition-labels.ts';
import { buildFeeds, type Feeds } from './feeds.ts';

export interface EditionFeedOptions {
  locale: string;
  siteUrl: string;
  /** Absolute URL of an edition. */
  urlOf: (slug: string, locale: string) => string;
  feedUrls?: { rss?: string; atom?: string };
  /** At most this many entries (the newest). */
  limit?: number;
}

export function editionFeeds(editions: readonly LiveEdition[], options: EditionFeedOptions): Feeds {
  const label = editionLabels(options.locale);
  const entries = editions
    .filter((e) => e.locale === options.locale)
    .slice(0, options.limit ?? 50)
    .map((e) => ({
      slug: e.slug,
      title: e.title,
      summary: e.summary,
      url: options.urlOf(e.slug, e.locale),
      publishedAt: e.visibleFrom,
      alternates: e.locales.filter((l) => l !== e.locale).map((l) => ({ locale: l, url: options.urlOf(e.slug, l) })),
      ...(e.correction ? { updatedAt: e.correction.at, correction: { at: e.correction.at, ...(e.correction.note ? { note: e.correction.note } : {}) } } : {}),
    }));
  return buildFeeds({
    locale: options.locale,
    siteUrl: options.siteUrl,
    title: label('feed.title', { locale: options.locale }),
    entries,
    ...(options.feedUrls ? { feedUrls: options.feedUrls } : {}),
  });
}
