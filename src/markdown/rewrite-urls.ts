/**
 * Replaces link, image and definition targets in Markdown source text, in place: each node's
 * destination, as the parser read it, is rewritten in the node's own slice of the source, so
 * everything else (and every segment id, which does not depend on URLs) stays as it was.
 * Targets match as the links check compares URLs (`normaliseUrl`). An autolink, whose text is
 * its URL, becomes an autolink to the new URL. Used for per-locale link targets (the French
 * page of a partner site for the French edition).
 */
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from './parse.ts';
import { normaliseUrl } from './url.ts';

export function rewriteUrls(markdown: string, targets: ReadonlyMap<string, string>): string {
  if (targets.size === 0) return markdown;
  const normalised = new Map([...targets].map(([from, to]) => [normaliseUrl(from), to]));
  const edits: { start: number; end: number; text: string }[] = [];
  // A stored source: it met the limits when it was accepted.
  visit(parseMarkdown(markdown, null), (node: Nodes) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const to = targets.get(node.url) ?? normalised.get(normaliseUrl(node.url));
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (to === undefined || start === undefined || end === undefined) return;
    const slice = markdown.slice(start, end);
    if (node.type === 'link' && slice.startsWith('<') && slice.endsWith('>')) {
      if (/^[a-z][a-z0-9+.-]*:[^\s<>]*$/i.test(to)) edits.push({ start, end, text: `<${to}>` });
      return;
    }
    // The destination follows `](` (inline) or `]:` (definition).
    const marker = node.type === 'definition' ? slice.indexOf(']:') : slice.lastIndexOf('](');
    if (marker < 0) return; // a reference link: its definition carries the URL
    const span = destinationSpan(slice, marker + 2);
    if (span) edits.push({ start: start + span.start, end: start + span.end, text: encodeDestination(to) });
  });
  let out = markdown;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Where a link destination is written, from `from` on: `<…>`, or up to whitespace or the unbalanced `)`. */
function destinationSpan(text: string, from: number): { start: number; end: number } | undefined {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const start = i;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    return close < 0 ? undefined : { start, end: close + 1 };
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (/\s/.test(c)) break;
    if (c === '(') depth++;
    if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return i > start ? { start, end: i } : undefined;
}

/** A destination that Markdown reads back as written: no spaces, parentheses or angle brackets raw. */
function encodeDestination(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}
