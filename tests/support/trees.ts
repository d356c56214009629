/** Tree comparisons for tests: positions dropped, shapes extracted. */
import type { Nodes, Root } from 'mdast';

/** A deep copy without `position` fields (and without `data`, which parsing leaves empty). */
export function withoutPositions<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === 'position' ? undefined : value))) as T;
}

/**
 * Fields that are text to be translated, or that follow from it; everything else is shape.
 * `referenceType` follows from the text: a shortcut reference `[Text]` whose text is
 * translated becomes a full one `[Texte][text]`, with the same identifier.
 */
const textFields = new Set(['value', 'alt', 'title', 'position', 'children', 'referenceType']);

/**
 * The shape of a tree: every node's path and type, and every non-text field (URLs, code,
 * HTML, depth, ordered, start, checked, align, identifiers...). Text values of `text`
 * nodes, alt and title are left out; code, inline code and HTML values are kept.
 */
export function shapeOf(tree: Root): string[] {
  const out: string[] = [];
  const walk = (node: Nodes, path: string) => {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'type' || (textFields.has(k) && !(k === 'value' && keepsValue(node)))) continue;
      fields[k] = v;
    }
    out.push(`${path} ${node.type} ${JSON.stringify(fields)}`);
    if ('children' in node) node.children.forEach((c, i) => walk(c, `${path}/${i}`));
  };
  walk(tree, '');
  return out;
}

function keepsValue(node: Nodes): boolean {
  return node.type === 'code' || node.type === 'inlineCode' || node.type === 'html';
}

/** Every translatable text value of a tree (text nodes outside autolinks, alt, title). */
export function textValues(tree: Root): string[] {
  const out: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'text') out.push(node.value);
    if ((node.type === 'image' || node.type === 'imageReference') && node.alt) out.push(node.alt);
    if ((node.type === 'image' || node.type === 'link' || node.type === 'definition') && node.title) out.push(node.title);
    if ('children' in node) node.children.forEach(walk);
  };
  walk(tree);
  return out;
}
