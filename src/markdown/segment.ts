/**
 * mdast → segments: the translatable units of a document.
 *
 * A segment is a heading, a paragraph (also inside lists, quotes and footnotes), a table
 * cell, an image's alt text, a link's, image's or definition's title, or a translatable
 * front matter value. Paragraphs are not split into sentences (docs/markdown-core.md).
 * Never translatable: code, inline code, HTML, URLs, autolinks, definitions' targets,
 * other front matter keys. Unknown block nodes are walked into; unknown inline nodes are
 * standalone placeholders.
 */
import { createHash } from 'node:crypto';
import type { Nodes, PhrasingContent, Root } from 'mdast';
import { defaultTranslatableKeys, translatableValues } from './frontmatter.ts';
import { phrasingToTokens } from './inline.ts';
import { xmlCodec } from './placeholder-codec.ts';
import { detectStyle, type MarkdownStyle } from './style.ts';
import type { Placeholder, Token } from './tokens.ts';
import { hasTranslatableText } from './tokens.ts';
import { formatPath } from './tree-path.ts';

export type SegmentKind = 'heading' | 'paragraph' | 'tableCell' | 'alt' | 'title' | 'frontmatter';

export interface Segment {
  /** Stable: a hash of kind and text, with `-2`, `-3` for repeats of the same text. */
  id: string;
  kind: SegmentKind;
  /** Where in the tree: `/3/0/1`, or `/3/0/1#alt`, `/3/1#title`, `/0#yaml:title`. */
  path: string;
  /** The node whose Markdown is rewritten when this segment changes. */
  unit: string;
  /** Text with placeholders in the canonical `xml` form. */
  text: string;
  tokens: Token[];
  placeholders: Placeholder[];
}

export interface SegmentOptions {
  /** Front matter keys whose string values are translated (dotted paths allowed). */
  frontMatterKeys?: readonly string[];
}

export interface SegmentedDocument {
  source: string;
  tree: Root;
  segments: Segment[];
  style: MarkdownStyle;
  frontMatterKeys: readonly string[];
}

type Draft = Omit<Segment, 'id' | 'text'>;

export function segmentTree(source: string, tree: Root, options: SegmentOptions = {}): SegmentedDocument {
  const frontMatterKeys = options.frontMatterKeys ?? defaultTranslatableKeys;
  const drafts: Draft[] = [];
  const plain = (value: string): Token[] => [{ type: 'text', value }];

  const attributes = (children: readonly PhrasingContent[], at: number[], unit: string) => {
    children.forEach((child, i) => {
      const path = [...at, i];
      if ((child.type === 'image' || child.type === 'imageReference') && child.alt && hasTranslatableText(plain(child.alt))) {
        drafts.push({ kind: 'alt', path: formatPath(path, 'alt'), unit, tokens: plain(child.alt), placeholders: [] });
      }
      if ((child.type === 'image' || child.type === 'link') && child.title && hasTranslatableText(plain(child.title))) {
        drafts.push({ kind: 'title', path: formatPath(path, 'title'), unit, tokens: plain(child.title), placeholders: [] });
      }
      if ('children' in child) attributes(child.children, path, unit);
    });
  };

  const walk = (node: Nodes, at: number[]) => {
    switch (node.type) {
      case 'yaml': {
        for (const v of translatableValues(node.value, frontMatterKeys)) {
          drafts.push({ kind: 'frontmatter', path: formatPath(at, `yaml:${v.key}`), unit: formatPath(at), tokens: plain(v.value), placeholders: [] });
        }
        return;
      }
      case 'code':
      case 'html':
        return;
      case 'definition': {
        if (node.title && hasTranslatableText(plain(node.title))) {
          drafts.push({ kind: 'title', path: formatPath(at, 'title'), unit: formatPath(at), tokens: plain(node.title), placeholders: [] });
        }
        return;
      }
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const unit = formatPath(at);
        const { tokens, placeholders } = phrasingToTokens(node.children);
        if (hasTranslatableText(tokens)) drafts.push({ kind: node.type, path: unit, unit, tokens, placeholders });
        attributes(node.children, at, unit);
        return;
      }
    }
    if ('children' in node) node.children.forEach((child, i) => walk(child, [...at, i]));
  };
  walk(tree, []);

  const seen = new Map<string, number>();
  const segments = drafts.map((d): Segment => {
    const text = xmlCodec.encode(d.tokens);
    const key = d.kind === 'frontmatter' ? `${d.kind}:${d.path.split('#yaml:')[1]}` : d.kind;
    const base = createHash('sha256').update(`${key}\n${text}`).digest('hex').slice(0, 12);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { id: n === 1 ? base : `${base}-${n}`, text, ...d };
  });
  return { source, tree, segments, style: detectStyle(source, tree), frontMatterKeys };
}
