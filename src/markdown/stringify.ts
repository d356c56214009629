/**
 * mdast → Markdown with remark-stringify. Options are chosen for fidelity to the way
 * statements are usually written (see docs/markdown-core.md); the markers for emphasis,
 * strong and bullets follow the source document's own style when one is given.
 */
import type { Root } from 'mdast';
import type { Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { defaultStyle, type MarkdownStyle } from './style.ts';

export function stringifyOptions(style: MarkdownStyle = defaultStyle): ToMarkdownOptions {
  return {
    bullet: style.bullet,
    bulletOther: style.bullet === '*' ? '-' : '*',
    bulletOrdered: '.',
    emphasis: style.emphasis,
    strong: style.strong,
    fence: '`',
    fences: true,
    rule: '-',
    ruleRepetition: 3,
    ruleSpaces: false,
    listItemIndent: 'one',
    incrementListMarker: true,
    setext: false,
    closeAtx: false,
    resourceLink: false,
    quote: '"',
  };
}

export function stringifyMarkdown(tree: Root, style: MarkdownStyle = defaultStyle): string {
  return unified()
    .use(remarkStringify, stringifyOptions(style))
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .stringify(tree);
}
