/**
 * A whole HTML page around an edition's article, for readers (GET /published/{slug}/{locale}.html)
 * and the static export alike: `lang` and `dir` on <html>, title, description, canonical and
 * hreflang alternate links (x-default: the source language's edition), Open Graph and Twitter
 * card tags, a small stylesheet (logical properties: right to left works as it is; a print
 * style), and a language switcher naming each other live edition in its own language. Also the
 * reader's 404 page, which offers the editions that exist.
 *
 * Built as a hast tree (hastscript) and serialised with hast-util-to-html: every value is a
 * text or attribute node, escaped by the serialiser. The article is the sanitised HTML of
 * renderEditionHtml, placed as it is.
 */
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { editionLabels, labelLanguage, languageName, type LabelSettings } from './edition-labels.ts';
import { textDirection } from './text-direction.ts';

export interface EditionLink {
  locale: string;
  url: string;
}

export interface HtmlDocumentInput {
  locale: string;
  title: string;
  /** The first paragraph, for the description and cards. */
  description?: string;
  /** The sanitised <article> from renderEditionHtml. */
  article: string;
  /** This edition's URL (absolute in the export and when EDITIONS_PUBLIC_URL is set). */
  canonical: string;
  /** Every live edition of the statement, this one included. */
  alternates: readonly EditionLink[];
  /** The statement's source language: its edition is the x-default alternate. */
  sourceLocale?: string;
  labels?: LabelSettings;
}

/** The stylesheet of every reader's page, inline; its hash is allowed by the page's Content-Security-Policy. */
export const editionStylesheet = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5a5a5a; --line: #d8d8d2; --link: #0b57a4; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececec; --bg: #161616; --muted: #a8a8a8; --line: #3a3a3a; --link: #8ab8f0; } }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Naskh Arabic", "Vazirmatn", Tahoma, sans-serif; }
:lang(ar) body, body:lang(ar), body:lang(fa), body:lang(ur) { font-size: 1.15rem; line-height: 1.9; }
.page { max-width: 42rem; margin-inline: auto; padding: 1.5rem 1.25rem 3rem; }
a { color: var(--link); }
h1, h2, h3 { line-height: 1.25; }
img { max-width: 100%; height: auto; }
pre { overflow-x: auto; padding: .75rem; border: 1px solid var(--line); direction: ltr; text-align: left; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: start; }
blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 3px solid var(--line); color: var(--muted); }
.languages { font-size: .95rem; border-block-end: 1px solid var(--line); padding-block-end: .5rem; margin-block-end: 1rem; }
.languages ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.correction-notice { border-inline-start: 4px solid #c77700; padding: .5rem 1rem; background: color-mix(in srgb, #c77700 10%, transparent); }
.edition-provenance { margin-block-start: 3rem; padding-block-start: 1rem; border-block-start: 1px solid var(--line); font-size: .9rem; color: var(--muted); }
.edition-provenance h2 { font-size: 1rem; }
.edition-provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
.edition-provenance dd { margin: 0; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --link: #000; }
  body { font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .languages { display: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; unicode-bidi: isolate; direction: ltr; }
  h1, h2, h3 { break-after: avoid; }
  .edition-provenance { break-inside: avoid; color: #000; }
}
`.trim();

/** `'sha256-…'`, for `style-src` in the Content-Security-Policy of reader pages. */
export const editionStylesheetHash = `'sha256-${createHash('sha256').update(editionStylesheet).digest('base64')}'`;

const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent;

function head(title: string, extra: (Element | ElementContent)[]): Element {
  return h('head', [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', title),
    ...extra,
    h('style', editionStylesheet),
  ]);
}

function documentOf(locale: string, headEl: Element, body: ElementContent[]): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: locale, dir: textDirection(locale) }, [headEl, h('body', [h('div', { className: ['page'] }, body)])]),
    ],
  };
  return `${toHtml(tree, { allowDangerousHtml: true })}\n`;
}

/** Open Graph wants `fr_FR`-like tags. */
const ogLocale = (locale: string) => locale.replace(/-/g, '_');

function switcher(links: readonly EditionLink[], label: string, current?: string): Element | undefined {
  const others = links.filter((l) => l.locale !== current);
  if (others.length === 0) return undefined;
  return h('nav', { className: ['languages'], ariaLabel: label }, [
    h('ul', others.map((l) => h('li', [h('a', { href: l.url, hrefLang: l.locale, lang: l.locale, dir: textDirection(l.locale) }, languageName(l.locale))]))),
  ]);
}

function clip(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export function htmlDocument(input: HtmlDocumentInput): string {
  const labels = editionLabels(input.locale, input.labels);
  const description = clip(input.description ?? '');
  const absolute = /^https?:\/\//.test(input.canonical);
  const source = input.sourceLocale ? input.alternates.find((a) => a.locale === input.sourceLocale) : undefined;
  const meta: Element[] = [
    ...(description ? [h('meta', { name: 'description', content: description })] : []),
    h('link', { rel: 'canonical', href: input.canonical }),
    ...input.alternates.map((a) => h('link', { rel: 'alternate', hrefLang: a.locale, href: a.url })),
    ...(source ? [h('link', { rel: 'alternate', hrefLang: 'x-default', href: source.url })] : []),
    h('meta', { property: 'og:type', content: 'article' }),
    h('meta', { property: 'og:title', content: input.title }),
    ...(description ? [h('meta', { property: 'og:description', content: description })] : []),
    // og:url must be absolute: only when the page's address is known (EDITIONS_PUBLIC_URL, the export).
    ...(absolute ? [h('meta', { property: 'og:url', content: input.canonical })] : []),
    h('meta', { property: 'og:locale', content: ogLocale(input.locale) }),
    ...input.alternates.filter((a) => a.locale !== input.locale).map((a) => h('meta', { property: 'og:locale:alternate', content: ogLocale(a.locale) })),
    h('meta', { name: 'twitter:card', content: 'summary' }),
    h('meta', { name: 'twitter:title', content: input.title }),
    ...(description ? [h('meta', { name: 'twitter:description', content: description })] : []),
  ];
  const nav = switcher(input.alternates, labels('page.otherLanguages'), input.locale);
  return documentOf(input.locale, head(input.title, meta), [...(nav ? [nav] : []), raw(input.article)]);
}

export interface NotFoundInput {
  /** The language to answer in: the locale asked for when it is a language tag, else the reader's. */
  locale: string;
  /** The statement's live editions; empty when there is no such statement or none is live. */
  editions: readonly EditionLink[];
  statementKnown: boolean;
  labels?: LabelSettings;
}

/** The reader's 404 page: what is missing, and the editions that exist, each named in its own language. */
export function notFoundDocument(input: NotFoundInput): string {
  const language = labelLanguage(input.locale, input.labels);
  const labels = editionLabels(language, input.labels);
  const title = labels('notFound.title');
  const body: ElementContent[] = [
    h('main', [
      h('h1', title),
      h('p', labels(input.statementKnown ? 'notFound.noEdition' : 'notFound.noStatement')),
      ...(input.editions.length > 0
        ? [h('p', labels('notFound.available')), h('ul', { className: ['editions'] }, input.editions.map((e) => h('li', [h('a', { href: e.url, hrefLang: e.locale, lang: e.locale, dir: textDirection(e.locale) }, languageName(e.locale))])))]
        : []),
    ]),
  ];
  return documentOf(language, head(title, [h('meta', { name: 'robots', content: 'noindex' })]), body);
}
