/**
 * An edition as sanitised HTML: remark-rehype, then rehype-sanitize (GitHub's schema: no
 * script, no event handler, no dangerous URL scheme; same-page links then follow the ids it
 * prefixed: rehype-fragment-links.ts), then the page frame (correction
 * notice, provenance footer: edition-article.ts), then, for right-to-left locales, the
 * isolation of left-to-right runs (rehype-isolate-ltr.ts), then rehype-stringify, in an
 * <article> carrying the edition's `lang` and `dir`. Raw HTML in the Markdown is dropped.
 */
import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { editionArticle } from './edition-article.ts';
import type { EditionFooter } from './edition-footer.ts';
import { editionLabels, labelLanguage, type LabelSettings } from './edition-labels.ts';
import rehypeFragmentLinks from './rehype-fragment-links.ts';
import rehypeIsolateLtr from './rehype-isolate-ltr.ts';
import { textDirection } from './text-direction.ts';

export interface RenderOptions {
  /** Provenance footer, and correction notice when it names one. */
  footer?: EditionFooter;
  /** Where labels come from and fall back to (EDITIONS_SITE_LANGUAGE, EDITIONS_LABELS_DIR). */
  labels?: LabelSettings;
}

/** Markdown → sanitised hast, one processor per label language (footnote labels). */
const contentProcessors = new Map<string, ReturnType<typeof contentProcessor>>();

function contentProcessor(language: string, settings: LabelSettings) {
  const labels = editionLabels(language, settings);
  return unified()
    .use(remarkRehype, {
      // The sanitiser prefixes ids itself; rehype-fragment-links.ts follows with the links.
      clobberPrefix: '',
      footnoteLabel: labels('footnotes.label'),
      footnoteBackLabel: (reference: number, rereference: number) =>
        labels('footnotes.backLabel', { reference: `${reference + 1}${rereference > 1 ? `-${rereference}` : ''}` }),
    })
    .use(rehypeSanitize)
    .use(rehypeFragmentLinks)
    .freeze();
}

const isolator = unified().use(rehypeIsolateLtr).freeze();
const stringifier = unified().use(rehypeStringify).freeze();

export function renderEditionHtml(tree: Root, locale: string, options: RenderOptions = {}): string {
  const settings = options.labels ?? {};
  const language = labelLanguage(locale, settings);
  const key = `${language}\u0000${settings.siteLanguage ?? ''}\u0000${settings.labelsDir ?? ''}`;
  let processor = contentProcessors.get(key);
  if (!processor) {
    processor = contentProcessor(language, settings);
    contentProcessors.set(key, processor);
  }
  // Front matter is data, not text of the page.
  const body: Root = { type: 'root', children: tree.children.filter((n) => n.type !== 'yaml') };
  const content: HastRoot = processor.runSync(body);
  const page = editionArticle(content, locale, options.footer, settings);
  const directed = textDirection(locale) === 'rtl' ? isolator.runSync(page) : page;
  return stringifier.stringify(directed);
}
