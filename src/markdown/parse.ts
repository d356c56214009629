/**
 * Markdown → mdast: CommonMark with GFM (tables, strikethrough, task lists, autolink
 * literals, footnotes) and YAML front matter.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { checkTree, defaultLimits, scanNesting, type DocumentLimits } from './limits.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Within `limits` (limits.ts: nesting scanned before parsing, depth and inline nodes after); `null`: none. */
export function parseMarkdown(source: string, limits: DocumentLimits | null = defaultLimits): Root {
  if (limits) scanNesting(source, limits.maxNesting);
  const tree = parser.parse(source);
  if (limits) checkTree(tree, limits);
  return tree;
}

export type FrontMatter =
  | { kind: 'none' }
  | { kind: 'data'; data: unknown }
  | { kind: 'invalid'; message: string };

/** The document's YAML front matter, read with the `yaml` library. */
export function readFrontMatter(tree: Root): FrontMatter {
  const first = tree.children[0];
  if (first?.type !== 'yaml') return { kind: 'none' };
  try {
    return { kind: 'data', data: parseYaml(first.value) };
  } catch (error) {
    return { kind: 'invalid', message: (error as Error).message };
  }
}
