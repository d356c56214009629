/**
 * Source document + translations (segment id → text with placeholders) → a new tree that
 * is a structural copy of the source with only text replaced, and its Markdown, spliced
 * into the source so that everything outside the changed segments stays byte-identical.
 */
import type { Nodes, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Finding } from './findings.ts';
import { replaceValues } from './frontmatter.ts';
import { phrasingToTokens, stripPositions, tokensToPhrasing } from './inline.ts';
import type { PlaceholderCodec } from './placeholder-codec.ts';
import { resolveTranslations, type ResolvedSegment, type Translations } from './resolve-translations.ts';
import type { SegmentedDocument } from './segment.ts';
import { spliceMarkdown } from './splice.ts';
import { tokensText } from './tokens.ts';
import { nodeAt, parsePath } from './tree-path.ts';

export interface ReassembleOptions {
  codec?: PlaceholderCodec;
  /** Re-serialise every unit, even unchanged ones (tests of the serialiser). */
  reserializeAll?: boolean;
}

export interface Reassembly {
  tree: Root;
  markdown: string;
  findings: Finding[];
  /** Ids of the segments whose translation was used. */
  translated: string[];
}

export function reassemble(doc: SegmentedDocument, translations: Translations, options: ReassembleOptions = {}): Reassembly {
  const { resolved, findings } = resolveTranslations(doc.segments, translations, options.codec);
  const tree = buildTree(doc, resolved);
  const changedUnits = new Set(resolved.filter((r) => r.changed).map((r) => r.segment.unit));
  const units = options.reserializeAll ? new Set(doc.segments.map((s) => s.unit)) : changedUnits;
  const markdown = spliceMarkdown(doc, tree, units);
  stripPositions(tree);
  return { tree, markdown, findings, translated: resolved.filter((r) => r.changed).map((r) => r.segment.id) };
}

/** The reassembled tree (positions of unchanged parts kept until the caller strips them). */
function buildTree(doc: SegmentedDocument, resolved: readonly ResolvedSegment[]): Root {
  const tree = structuredClone(doc.tree);
  const yamlValues = new Map<string, Map<string, string>>();
  // Attributes first, so that containers rebuilt afterwards carry the new alt and title.
  for (const { segment, tokens, changed } of resolved) {
    if (!changed) continue;
    const text = tokensText(tokens);
    const { attribute } = parsePath(segment.path);
    const node = nodeAt(tree, segment.path);
    if (!node || attribute === undefined) continue;
    if (attribute.startsWith('yaml:')) {
      const values = yamlValues.get(segment.unit) ?? new Map<string, string>();
      values.set(attribute.slice(5), text);
      yamlValues.set(segment.unit, values);
    } else if (attribute === 'alt' && (node.type === 'image' || node.type === 'imageReference')) {
      node.alt = text;
      if (node.type === 'imageReference') node.referenceType = 'full';
    } else if (attribute === 'title' && (node.type === 'image' || node.type === 'link' || node.type === 'definition')) {
      node.title = text;
    }
  }
  for (const [unit, values] of yamlValues) {
    const node = nodeAt(tree, unit);
    if (node?.type === 'yaml') node.value = replaceValues(node.value, doc.frontMatterKeys, values);
  }
  for (const { segment, tokens, changed } of resolved) {
    if (!changed || segment.path.includes('#')) continue;
    const node = nodeAt(tree, segment.path);
    if (!node || !(node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell')) continue;
    const { nodes } = phrasingToTokens(node.children);
    let children = tokensToPhrasing(tokens, nodes);
    if (node.type === 'tableCell' || (node.type === 'heading' && isAtx(doc, segment.path))) children = singleLine(children);
    fixReferences(children, nodes);
    node.children = children;
  }
  return tree;
}

function isAtx(doc: SegmentedDocument, path: string): boolean {
  const at = nodeAt(doc.tree, path)?.position?.start.offset;
  return at !== undefined && doc.source[at] === '#';
}

/** ATX headings and table cells hold one line: line endings in their text become spaces. */
function singleLine(children: PhrasingContent[]): PhrasingContent[] {
  for (const child of children) {
    if (child.type === 'text') child.value = child.value.replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, ' ');
    else if ('children' in child) singleLine(child.children);
  }
  return children;
}

/**
 * A shortcut or collapsed link reference (`[Text]`, `[Text][]`) finds its definition by its
 * text; once the text is translated it must name its label: `[Texte][text]`.
 */
function fixReferences(children: PhrasingContent[], sources: ReadonlyMap<number, PhrasingContent>): void {
  const sourceText = new Map<string, string>();
  for (const node of sources.values()) if (node.type === 'linkReference') sourceText.set(node.identifier, toString(node));
  const visit = (list: Nodes[]) => {
    for (const node of list) {
      if (node.type === 'linkReference' && node.referenceType !== 'full' && sourceText.get(node.identifier) !== toString(node)) {
        node.referenceType = 'full';
      }
      if ('children' in node) visit(node.children);
    }
  };
  visit(children);
}
