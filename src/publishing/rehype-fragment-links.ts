/**
 * rehype plugin run after the sanitiser: the sanitiser prefixes every id with
 * `user-content-` (against DOM clobbering) but leaves links to them alone, so footnote
 * references and back-references would point nowhere. A same-page link `#x` becomes
 * `#user-content-x` when that id exists and `x` does not.
 */
import type { Element, Root, RootContent } from 'hast';

const prefix = 'user-content-';

export default function rehypeFragmentLinks() {
  return (tree: Root): Root => {
    const ids = new Set<string>();
    const links: Element[] = [];
    const walk = (nodes: readonly RootContent[]) => {
      for (const node of nodes) {
        if (node.type !== 'element') continue;
        if (typeof node.properties.id === 'string') ids.add(node.properties.id);
        if (node.tagName === 'a' && typeof node.properties.href === 'string' && node.properties.href.startsWith('#')) links.push(node);
        walk(node.children);
      }
    };
    walk(tree.children);
    for (const link of links) {
      const target = (link.properties.href as string).slice(1);
      if (!ids.has(target) && ids.has(prefix + target)) link.properties.href = `#${prefix}${target}`;
    }
    return tree;
  };
}
