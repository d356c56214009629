/**
 * What a document may contain, so that hostile input cannot stall the service
 * (docs/markdown-core.md, "Limits"):
 *
 * - nesting: the depth of the mdast tree (root = 0: a top-level paragraph's text is at 2).
 *   Before the parser sees the text, a linear scan counts the containers each line opens
 *   (list markers and block quotes stacked on the line, list items nested by indentation);
 *   each adds at least one level to the tree, so a line over the limit is refused at once
 *   (`"* ".repeat(50000) + "x"`, `">".repeat(3000)`), then the parsed tree is measured.
 * - segments: translatable segments in the document.
 * - inlineNodes: inline (phrasing) nodes in one paragraph, heading or table cell.
 *
 * Over a limit: DomainError `input_too_complex` with {limit, value, max}. The walks here are
 * iterative: a tree too deep for the recursive walks elsewhere is refused before them.
 */
import type { Nodes, Root } from 'mdast';
import { DomainError } from '../errors.ts';

export interface DocumentLimits {
  maxNesting: number;
  maxSegments: number;
  maxInlineNodes: number;
}

/** Far above any real statement (content/ and tests/fixtures: depth ≤ 8, ≤ 66 segments, ≤ 14 inline nodes a segment); 5,000 segments parse in about a second. */
export const defaultLimits: DocumentLimits = { maxNesting: 32, maxSegments: 20_000, maxInlineNodes: 2_000 };

/** `time`: the document work ran past its time limit (src/documents/). */
export type LimitName = 'nesting' | 'segments' | 'inlineNodes' | 'time';

export function tooComplex(limit: LimitName, value: number, max: number): DomainError {
  return new DomainError('input_too_complex', `The document is too complex: ${limit} ${value}, the limit is ${max}`, { limit, value, max });
}

const isSpace = (c: number) => c === 0x20 || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The cheap scan before parsing: containers opened per line, by markers on the line and
 * by list items nested through indentation. Lines inside fenced code and indented code are
 * not read for markers. Counts are a lower bound of the tree's depth.
 */
export function scanNesting(source: string, max: number): void {
  const itemColumns: number[] = [];
  let fence: { char: number; length: number } | null = null;
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const line = source.slice(start, source.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    start = end + 1;
    // Leading white space, tabs to the next multiple of 4.
    let p = 0;
    let column = 0;
    while (p < line.length && isSpace(line.charCodeAt(p))) {
      column = line.charCodeAt(p) === 0x09 ? column + 4 - (column % 4) : column + 1;
      p++;
    }
    if (p === line.length) continue; // blank: list items stay open
    if (fence) {
      const run = fenceRun(line, p, fence.char);
      if (run >= fence.length && line.slice(p + run).trim() === '') fence = null;
      continue;
    }
    while (itemColumns.length > 0 && itemColumns[itemColumns.length - 1]! > column) itemColumns.pop();
    if (column - (itemColumns[itemColumns.length - 1] ?? 0) >= 4) continue; // indented code
    // The last character that is not a possible thematic break's: past it, markers open nothing deeper.
    let lastContent = line.length - 1;
    while (lastContent >= p && /[\s*_-]/.test(line[lastContent]!)) lastContent--;
    let count = itemColumns.length;
    for (;;) {
      const c = line.charCodeAt(p);
      if (c === 0x3e /* > */) {
        count++;
        p++;
        column++;
        if (isSpace(line.charCodeAt(p))) {
          p++;
          column++;
        }
      } else {
        let q = p;
        if (c === 0x2a || c === 0x2b || c === 0x2d) q = p + 1;
        else if (isDigit(c)) {
          while (q < line.length && q - p < 9 && isDigit(line.charCodeAt(q))) q++;
          const d = line.charCodeAt(q);
          q = d === 0x2e || d === 0x29 ? q + 1 : p;
        }
        if (q === p || p > lastContent || !(q === line.length || isSpace(line.charCodeAt(q)))) break;
        count++;
        column += q - p;
        p = q;
        let spaces = 0;
        while (p < line.length && isSpace(line.charCodeAt(p)) && spaces < 4) {
          p++;
          spaces++;
        }
        column += Math.max(spaces, 1);
        itemColumns.push(column);
      }
      if (count > max) throw tooComplex('nesting', count, max);
    }
    const c = line.charCodeAt(p);
    if ((c === 0x60 || c === 0x7e) && fenceRun(line, p, c) >= 3) fence = { char: c, length: fenceRun(line, p, c) };
  }
}

function fenceRun(line: string, p: number, char: number): number {
  let q = p;
  while (q < line.length && line.charCodeAt(q) === char) q++;
  return q - p;
}

const units = new Set(['paragraph', 'heading', 'tableCell']);

/** The parsed tree: its depth, and the inline nodes of each paragraph, heading and table cell. */
export function checkTree(tree: Root, limits: DocumentLimits): void {
  const stack: { node: Nodes; depth: number; unit: { count: number } | null }[] = [{ node: tree, depth: 0, unit: null }];
  while (stack.length > 0) {
    const { node, depth, unit } = stack.pop()!;
    if (depth > limits.maxNesting) throw tooComplex('nesting', depth, limits.maxNesting);
    if (unit && ++unit.count > limits.maxInlineNodes) throw tooComplex('inlineNodes', unit.count, limits.maxInlineNodes);
    if (!('children' in node)) continue;
    const inner = unit ?? (units.has(node.type) ? { count: 0 } : null);
    for (const child of node.children) stack.push({ node: child, depth: depth + 1, unit: inner });
  }
}

export function checkSegmentCount(count: number, limits: DocumentLimits): void {
  if (count > limits.maxSegments) throw tooComplex('segments', count, limits.maxSegments);
}
