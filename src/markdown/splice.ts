/**
 * The Markdown of a reassembled tree, written by splicing: each changed unit (the inline
 * content of a paragraph, heading or table cell; a definition; the front matter values) is
 * serialised on its own and put in place of the source bytes it replaces. Everything else
 * (list markers, emphasis markers of unchanged text, blank lines, reference definitions,
 * code, HTML) stays byte-identical.
 */
import type { Link, Nodes, Parents, Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { defaultHandlers, toMarkdown, type Handle, type Info, type State } from 'mdast-util-to-markdown';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { isAutolink } from './inline.ts';
import { parseMarkdown } from './parse.ts';
import type { SegmentedDocument } from './segment.ts';
import { stringifyOptions } from './stringify.ts';
import { nodeAt } from './tree-path.ts';

/** `yaml`: the YAML between the fences; `yamlNode`: the whole front matter, fences included. */
type Mode = 'paragraph' | 'headingAtx' | 'headingSetext' | 'tableCell' | 'flow' | 'yaml' | 'yamlNode';

/** Where a unit stands in the source, and how its replacement is written. */
export interface UnitRange {
  start: number;
  end: number;
  mode: Mode;
  /** Written before each line after the first (container markers of a multi-line unit). */
  continuation: string;
}

export function spliceMarkdown(doc: SegmentedDocument, tree: Root, units: ReadonlySet<string>): string {
  const jobs: (UnitRange & { node: Nodes })[] = [];
  for (const unit of units) {
    const range = unitRange(doc, unit);
    const node = nodeAt(tree, unit);
    if (range && node) jobs.push({ ...range, node });
  }
  jobs.sort((a, b) => a.start - b.start);
  const isYaml = (j: UnitRange) => j.mode === 'yaml' || j.mode === 'yamlNode';
  const serialized = serializeAll(jobs.filter((j) => !isYaml(j)), doc);
  let out = '';
  let at = 0;
  let k = 0;
  for (const job of jobs) {
    let text = isYaml(job) ? yamlReplacement(job) : serialized[k++]!;
    if (job.continuation !== '') text = text.replace(/\n/g, `\n${job.continuation}`);
    out += doc.source.slice(at, job.start) + text;
    at = job.end;
  }
  return out + doc.source.slice(at);
}

function yamlReplacement(job: UnitRange & { node: Nodes }): string {
  const value = job.node.type === 'yaml' ? job.node.value : '';
  return job.mode === 'yamlNode' ? `---\n${value}\n---` : value;
}

/** The source range a unit replaces: inline content for containers, the whole node otherwise. */
export function unitRange(doc: SegmentedDocument, unit: string): UnitRange | undefined {
  const source = nodeAt(doc.tree, unit);
  const start = source?.position?.start.offset;
  const end = source?.position?.end.offset;
  if (!source || start === undefined || end === undefined) return undefined;

  if (source.type === 'yaml') {
    // Keep the fences as written; replace only the YAML between them when it can be found.
    const valueStart = doc.source.indexOf('\n', start) + 1;
    if (valueStart > 0 && doc.source.startsWith(source.value, valueStart)) {
      return { start: valueStart, end: valueStart + source.value.length, mode: 'yaml', continuation: '' };
    }
    return { start, end, mode: 'yamlNode', continuation: '' };
  }
  if (source.type === 'definition') return { start, end, mode: 'flow', continuation: '' };
  if (source.type === 'paragraph' || source.type === 'heading' || source.type === 'tableCell') {
    const first = source.children[0]?.position?.start.offset;
    const last = source.children[source.children.length - 1]?.position?.end.offset;
    if (first === undefined || last === undefined) return undefined;
    const mode: Mode =
      source.type === 'paragraph' ? 'paragraph'
      : source.type === 'tableCell' ? 'tableCell'
      : doc.source[start] === '#' ? 'headingAtx'
      : 'headingSetext';
    if (mode === 'tableCell' || mode === 'headingAtx') return { start: first, end: last, mode, continuation: '' };
    // Container markers before the content on its first line, as spaces, keeping `>`.
    const lineStart = doc.source.lastIndexOf('\n', first - 1) + 1;
    const continuation = doc.source.slice(lineStart, first).replace(/[^>\s]/g, ' ');
    return { start: first, end: last, mode, continuation };
  }
  return undefined;
}

/** Serialises every job in one toMarkdown call, so its set-up is paid once. */
function serializeAll(jobs: readonly (UnitRange & { node: Nodes })[], doc: SegmentedDocument): string[] {
  if (jobs.length === 0) return [];
  const results: string[] = [];
  const sourceAutolinks = autolinksOf(doc);
  // An autolink keeps the form it has in the source unit: `www.…` and bare `https://…` or
  // e-mail literals stay literals, `<https://…>` stays in brackets (its text is its address).
  // Where the new neighbours would change what a literal takes in (a letter before it, more
  // URL characters after it), the unit is written again in mdast-util-to-markdown's own form.
  let autolinks = new Map<string, string>();
  let literalUsed = false;
  const batch: Handle = (_node, _parent, state) => {
    for (const job of jobs) {
      autolinks = new Map();
      literalUsed = false;
      for (const a of sourceAutolinks) if (a.from >= job.start && a.to <= job.end && !autolinks.has(a.key)) autolinks.set(a.key, a.text);
      let value = serializeOne(job, state);
      if (literalUsed && !sameLinks(value, job.node)) {
        autolinks = new Map();
        value = serializeOne(job, state);
      }
      results.push(value);
    }
    return '';
  };
  const asInSource = (node: Link) => {
    const form = autolinks.get(autolinkKey(node));
    if (form !== undefined) literalUsed = true;
    return form;
  };
  const link = Object.assign(
    ((node: Link, parent, state, info) => asInSource(node) ?? defaultHandlers.link(node, parent, state, info)) as Handle,
    { peek: ((node: Link, parent, state) => autolinks.get(autolinkKey(node))?.charAt(0) ?? defaultHandlers.link.peek(node, parent, state)) as Handle },
  );
  toMarkdown({ type: 'editionsBatch' } as unknown as Root, {
    ...stringifyOptions(doc.style),
    extensions: [gfmToMarkdown()],
    handlers: { editionsBatch: batch, link } as Record<string, Handle>,
  });
  return results;
}

const autolinkKey = (node: Link) => (isAutolink(node) ? `${node.url}\u0000${(node.children[0] as { value: string }).value}` : '');

/** True when `markdown` reads back with the links of `node` (URLs and texts, in order). */
function sameLinks(markdown: string, node: Nodes): boolean {
  const links = (tree: Nodes) => {
    const out: string[] = [];
    visit(tree, 'link', (l: Link) => {
      out.push(`${l.url}\u0000${toString(l)}`);
    });
    return out;
  };
  const expected = links(node);
  const actual = links(parseMarkdown(markdown, null));
  return expected.length === actual.length && expected.every((x, i) => x === actual[i]);
}

/** Every autolink of the source, with its source bytes. */
function autolinksOf(doc: SegmentedDocument): { from: number; to: number; key: string; text: string }[] {
  const out: { from: number; to: number; key: string; text: string }[] = [];
  visit(doc.tree, 'link', (node: Link) => {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from !== undefined && to !== undefined && isAutolink(node)) out.push({ from, to, key: autolinkKey(node), text: doc.source.slice(from, to) });
  });
  return out;
}

function serializeOne(job: UnitRange & { node: Nodes }, state: State): string {
  const info: Info = { before: '\n', after: '\n', now: { line: 1, column: 1 }, lineShift: 0 };
  if (job.mode === 'flow' || job.mode === 'yaml' || job.mode === 'yamlNode') return state.handle(job.node, undefined, state, info);
  const node = job.node as Parents;
  const exit = state.enter(job.mode);
  const subexit = state.enter('phrasing');
  let value: string;
  if (job.mode === 'tableCell') {
    value = state.containerPhrasing(node, { ...info, before: ' ', after: ' ' });
  } else if (job.mode === 'headingAtx') {
    value = state.containerPhrasing(node, { ...info, before: '# ' });
    if (/^[\t ]/.test(value)) value = `&#x${value.charCodeAt(0).toString(16).toUpperCase()};${value.slice(1)}`;
  } else {
    value = state.containerPhrasing(node, info);
  }
  subexit();
  exit();
  return value;
}
