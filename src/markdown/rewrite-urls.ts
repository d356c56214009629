/**
 * Replaces link, image and definition targets in Markdown source text, in place: each node's
 * own slice of the source is edited where its URL is written, so everything else (and every
 * segment id, which does not depend on URLs) stays as it was. Used for per-locale link
 * targets (the French page of a partner site for the French edition).
 */
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from './parse.ts';

export function rewriteUrls(markdown: string, targets: ReadonlyMap<string, string>): string {
  if (targets.size === 0) return markdown;
  const edits: { start: number; end: number; url: string }[] = [];
  visit(parseMarkdown(markdown), (node: Nodes) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const to = targets.get(node.url);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (to === undefined || start === undefined || end === undefined) return;
    const slice = markdown.slice(start, end);
    // The destination follows `](` (inline) or `]:` (definition), possibly in <…>.
    const marker = node.type === 'definition' ? slice.indexOf(']:') : slice.lastIndexOf('](');
    if (marker < 0) return; // a reference link: its definition carries the URL
    const at = slice.indexOf(node.url, marker + 2);
    if (at < 0) return; // written with escapes or entities: left as it is
    edits.push({ start: start + at, end: start + at + node.url.length, url: encodeDestination(to) });
  });
  let out = markdown;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.url + out.slice(e.end);
  return out;
}

/** A destination that Markdown reads back as written: no spaces, parentheses or angle brackets raw. */
function encodeDestination(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}
