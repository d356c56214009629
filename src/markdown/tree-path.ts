/**
 * Paths into an mdast tree: child indices from the root, written `/3/0/1`; an attribute of
 * the node (image alt, link title, front matter key) follows after `#`: `/3/0/1#alt`.
 */
import type { Nodes, Root } from 'mdast';

export function formatPath(indices: readonly number[], attribute?: string): string {
  const base = '/' + indices.join('/');
  return attribute ? `${base}#${attribute}` : base;
}

export function parsePath(path: string): { indices: number[]; attribute?: string } {
  const [base = '', attribute] = path.split('#', 2);
  const indices = base === '/' || base === '' ? [] : base.slice(1).split('/').map(Number);
  return attribute === undefined ? { indices } : { indices, attribute };
}

export function nodeAt(tree: Root, path: string): Nodes | undefined {
  let node: Nodes = tree;
  for (const i of parsePath(path).indices) {
    if (!('children' in node)) return undefined;
    const child: Nodes | undefined = node.children[i];
    if (!child) return undefined;
    node = child;
  }
  return node;
}
