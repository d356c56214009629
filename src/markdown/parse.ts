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

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

export function parseMarkdown(source: string): Root {
  return parser.parse(source);
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
