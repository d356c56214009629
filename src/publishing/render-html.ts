/**
 * An edition as sanitised HTML: remark-rehype, then rehype-sanitize (GitHub's schema: no
 * script, no event handler, no dangerous URL scheme), then rehype-stringify, in an
 * <article> carrying the edition's `lang` and `dir`.
 */
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { textDirection } from './text-direction.ts';

const processor = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

export function renderEditionHtml(tree: Root, locale: string): string {
  // Front matter is data, not text of the page.
  const body: Root = { type: 'root', children: tree.children.filter((n) => n.type !== 'yaml') };
  const html = processor.stringify(processor.runSync(body));
  return `<article lang="${locale}" dir="${textDirection(locale)}">\n${html}\n</article>\n`;
}
