/**
 * Static export: every live edition as Markdown, a whole HTML page and JSON
 * (`<dir>/<slug>/<locale>.{md,html,json}`), RSS and Atom feeds per locale
 * (`<dir>/feeds/<locale>.{rss,atom}`), an index (`<dir>/index.json`) and a sitemap with
 * hreflang alternates (`<dir>/sitemap.xml`), for a static site or a CDN. The export is
 * written to a new folder beside `<dir>` and then put in its place, so the folder holds
 * exactly this export (a withdrawn edition's files do not linger) and is never half written.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Root } from 'mdast';
import { editionFeeds } from '../publishing/edition-feeds.ts';
import { footerFrom, publicCorrection, publicProvenance, type ReviewerDisplay } from '../publishing/edition-footer.ts';
import type { LabelSettings } from '../publishing/edition-labels.ts';
import { htmlDocument } from '../publishing/html-document.ts';
import { documentsOf } from '../documents/workers.ts';
import { buildSitemap } from '../publishing/sitemap.ts';
import type { OperationContext } from './context.ts';
import { liveEditions } from './live-editions.ts';

export interface ExportResult {
  editions: number;
  locales: string[];
  files: number;
}

/** How readers' pages show reviewers and where their labels come from (config.editionPages); by default reviewers by role only. */
export interface ExportOptions {
  reviewerDisplay?: ReviewerDisplay;
  labels?: LabelSettings;
}

export async function exportStatic(ctx: OperationContext, dir: string, baseUrl: string, options: ExportOptions = {}): Promise<ExportResult> {
  const reviewerDisplay = options.reviewerDisplay ?? 'role';
  const labels = options.labels ?? {};
  const base = baseUrl.replace(/\/+$/, '');
  const editions = await liveEditions(ctx);
  const urlOf = (slug: string, locale: string) => `${base}/${encodeURIComponent(slug)}/${encodeURIComponent(locale)}.html`;
  let files = 0;
  const staging = `${dir.replace(/\/+$/, '')}.export-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const write = async (path: string, content: string) => {
    const full = join(staging, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
    files++;
  };

  for (const e of editions) {
    const footer = e.provenance ? { footer: footerFrom(e.provenance, { publishedAt: e.publishedAt, correction: e.correction, reviewerDisplay }) } : {};
    const alternates = e.locales.map((l) => ({ locale: l, url: urlOf(e.slug, l) }));
    await write(join(e.slug, `${e.locale}.md`), e.markdown);
    const article = await documentsOf(ctx).run('render', { tree: e.mdast as Root, locale: e.locale, options: { ...footer, labels } });
    await write(join(e.slug, `${e.locale}.html`), htmlDocument({ locale: e.locale, title: e.title, description: e.summary, article, canonical: urlOf(e.slug, e.locale), alternates, sourceLocale: e.sourceLocale, labels }));
    const edition = { id: e.id, slug: e.slug, locale: e.locale, hash: e.hash, sourceRevision: e.sourceRevision, publishedAt: e.publishedAt, visibleFrom: e.visibleFrom, correction: publicCorrection(e.correction) };
    await write(join(e.slug, `${e.locale}.json`), `${JSON.stringify({ mdast: e.mdast, edition, provenance: e.provenance ? publicProvenance(e.provenance, reviewerDisplay) : null })}\n`);
  }

  const locales = [...new Set(editions.map((e) => e.locale))].sort();
  for (const locale of locales) {
    const feeds = editionFeeds(editions, { locale, siteUrl: base, urlOf, feedUrls: { rss: `${base}/feeds/${locale}.rss`, atom: `${base}/feeds/${locale}.atom` }, limit: 100 });
    await write(join('feeds', `${locale}.rss`), feeds.rss);
    await write(join('feeds', `${locale}.atom`), feeds.atom);
  }

  await write('sitemap.xml', buildSitemap(editions.map((e) => ({
    url: urlOf(e.slug, e.locale),
    lastmod: (e.correction?.at ?? e.visibleFrom),
    alternates: e.locales.map((l) => ({ locale: l, url: urlOf(e.slug, l) })),
  }))));
  const index = editions.map((e) => ({ slug: e.slug, locale: e.locale, title: e.title, hash: e.hash, visibleFrom: e.visibleFrom, html: urlOf(e.slug, e.locale) }));
  await write('index.json', `${JSON.stringify({ baseUrl: base, exportedAt: ctx.now().toISOString(), editions: index }, null, 2)}\n`);
  await replaceFolder(dir, staging);
  return { editions: editions.length, locales, files };
}

/** Puts `staging` where `dir` is: the old folder moved aside, the new one renamed in, the old one removed. */
async function replaceFolder(dir: string, staging: string): Promise<void> {
  const exists = await stat(dir).then(() => true, () => false);
  const old = `${staging}.old`;
  if (exists) await rename(dir, old);
  await rename(staging, dir);
  if (exists) await rm(old, { recursive: true, force: true });
}
