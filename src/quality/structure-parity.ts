/**
 * `structure-parity` (fatal): the edition has the block structure of its source, so that
 * no paragraph, list item, table row or code block was lost, added or moved. Compared
 * recursively: the sequence of block node types; heading depth; list item count; task
 * item checked flag; table rows and cells per row; code blocks identical (value and
 * language). Inline content (inside paragraphs, headings, cells) is the segment rules'
 * business. The first difference, in document order, is reported with its tree path.
 */
import type { Nodes } from 'mdast';
import { formatPath } from '../markdown/tree-path.ts';
import type { EditionRule, QualityFinding } from './types.ts';

const inlineHolders = new Set(['paragraph', 'heading', 'tableCell']);

function children(node: Nodes): readonly Nodes[] {
  return 'children' in node && !inlineHolders.has(node.type) ? node.children : [];
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const excerpt = (value: string) => (value.length > 40 ? `${value.slice(0, 39)}…` : value).replace(/\n/g, '⏎');

/** A node as the message names it: `heading 2`, `list (3 items)`, `code js "let a"`. */
export function describeBlock(node: Nodes): string {
  switch (node.type) {
    case 'heading':
      return `heading ${node.depth}`;
    case 'list':
      return `list (${count(node.children.length, 'item')})`;
    case 'listItem':
      return node.checked === true ? 'listItem [x]' : node.checked === false ? 'listItem [ ]' : 'listItem';
    case 'table':
      return `table (${count(node.children.length, 'row')})`;
    case 'tableRow':
      return `tableRow (${count(node.children.length, 'cell')})`;
    case 'code':
      return `code${node.lang ? ` ${node.lang}` : ''} "${excerpt(node.value)}"`;
    default:
      return node.type;
  }
}

function sameShape(a: Nodes, b: Nodes): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'heading':
      return a.depth === (b as typeof a).depth;
    case 'listItem':
      return (a.checked ?? null) === ((b as typeof a).checked ?? null);
    case 'list':
    case 'table':
    case 'tableRow':
      return a.children.length === (b as typeof a).children.length;
    case 'code':
      return a.value === (b as typeof a).value && (a.lang ?? null) === ((b as typeof a).lang ?? null);
    default:
      return true;
  }
}

function firstDifference(source: Nodes, target: Nodes, at: number[]): QualityFinding | undefined {
  const path = formatPath(at);
  if (!sameShape(source, target)) {
    return { rule: 'structure-parity', severity: 'fatal', key: 'structure-parity.mismatch', args: { path, expected: describeBlock(source), found: describeBlock(target) } };
  }
  const s = children(source);
  const t = children(target);
  for (let i = 0; i < Math.max(s.length, t.length); i++) {
    const a = s[i];
    const b = t[i];
    const childPath = formatPath([...at, i]);
    if (a && !b) return { rule: 'structure-parity', severity: 'fatal', key: 'structure-parity.missing', args: { path: childPath, expected: describeBlock(a), found: '' } };
    if (!a && b) return { rule: 'structure-parity', severity: 'fatal', key: 'structure-parity.extra', args: { path: childPath, expected: '', found: describeBlock(b) } };
    const difference = firstDifference(a!, b!, [...at, i]);
    if (difference) return difference;
  }
  return undefined;
}

export const structureParityRule: EditionRule = {
  id: 'structure-parity',
  check(input) {
    const difference = firstDifference(input.source, input.target, []);
    return difference ? [difference] : [];
  },
};
