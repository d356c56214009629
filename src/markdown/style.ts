/**
 * The markup style a source document uses, so that text Editions writes back (the tree
 * path and re-serialised segments) looks like the rest of the document.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

export interface MarkdownStyle {
  emphasis: '*' | '_';
  strong: '*' | '_';
  bullet: '-' | '*' | '+';
}

export const defaultStyle: MarkdownStyle = { emphasis: '*', strong: '*', bullet: '-' };

export function detectStyle(source: string, tree: Root): MarkdownStyle {
  const votes = { emphasis: { '*': 0, _: 0 }, strong: { '*': 0, _: 0 }, bullet: { '-': 0, '*': 0, '+': 0 } };
  visit(tree, (node) => {
    const at = node.position?.start.offset;
    if (at === undefined) return;
    const ch = source[at];
    if ((node.type === 'emphasis' || node.type === 'strong') && (ch === '*' || ch === '_')) votes[node.type][ch]++;
    if (node.type === 'listItem' && (ch === '-' || ch === '*' || ch === '+')) votes.bullet[ch]++;
  });
  const pick = <K extends string>(counts: Record<K, number>, fallback: K): K => {
    let best = fallback;
    for (const k of Object.keys(counts) as K[]) if (counts[k] > counts[best]) best = k;
    return best;
  };
  return {
    emphasis: pick(votes.emphasis, defaultStyle.emphasis),
    strong: pick(votes.strong, defaultStyle.strong),
    bullet: pick(votes.bullet, defaultStyle.bullet),
  };
}
