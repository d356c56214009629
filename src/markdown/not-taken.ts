/**
 * What an uploaded translation changed that a translation cannot carry: everything outside
 * the translatable text. An upload is aligned to the source by its segments (align-document.ts)
 * and reassembled from the source, so a changed link or image URL, inline code or HTML, a code
 * block, a front matter key that is not translated (changed, added or removed), a heading's
 * level or a list's numbering is not taken: the source's stays. This names each such place,
 * so that the answer to the upload says so instead of dropping it in silence.
 */
import type { Nodes, PhrasingContent } from 'mdast';
import { parse } from 'yaml';
import { translatableValues } from './frontmatter.ts';
import { phrasingToTokens } from './inline.ts';
import type { SegmentedDocument } from './segment.ts';
import { tokensText } from './tokens.ts';
import { formatPath } from './tree-path.ts';

export type NotTakenKind = 'url' | 'inlineCode' | 'html' | 'reference' | 'code' | 'frontMatter' | 'text' | 'block';

export interface NotTaken {
  /** Where in the source's tree (`/2`, `/0#yaml:author`): see tree-path.ts. */
  path: string;
  /** The segment the place is in (a link's URL in a paragraph), when it is in one. */
  segmentId?: string;
  what: NotTakenKind;
  /** The source's value, which stays (null: the source has none). */
  kept: string | null;
  /** The upload's value, not taken (null: the upload has none). */
  found: string | null;
}

type Parent = Extract<Nodes, { children: unknown }>;

export function notTaken(source: SegmentedDocument, translated: SegmentedDocument): NotTaken[] {
  const out: NotTaken[] = [];
  const segmentAt = new Map(source.segments.filter((s) => !s.path.includes('#')).map((s) => [s.path, s.id]));
  const slice = (doc: SegmentedDocument, node: Nodes) => {
    const { start, end } = node.position ?? {};
    return start?.offset !== undefined && end?.offset !== undefined ? doc.source.slice(start.offset, end.offset) : node.type;
  };
  const add = (at: number[], what: NotTakenKind, kept: string | null, found: string | null, attribute?: string) => {
    const path = formatPath(at, attribute);
    const segmentId = attribute === undefined ? segmentAt.get(path) : undefined;
    out.push({ path, ...(segmentId ? { segmentId } : {}), what, kept, found });
  };

  const walk = (s: Nodes, t: Nodes, at: number[]) => {
    if (s.type !== t.type) {
      add(at, 'block', slice(source, s), slice(translated, t));
      return;
    }
    switch (s.type) {
      case 'yaml':
        frontMatter(s.value, (t as typeof s).value, source.frontMatterKeys, (key, kept, found) => add(at, 'frontMatter', kept, found, `yaml:${key}`));
        return;
      case 'code': {
        const u = t as typeof s;
        if (s.value !== u.value || (s.lang ?? null) !== (u.lang ?? null) || (s.meta ?? null) !== (u.meta ?? null)) add(at, 'code', slice(source, s), slice(translated, u));
        return;
      }
      case 'html':
        if (s.value !== (t as typeof s).value) add(at, 'html', s.value, (t as typeof s).value);
        return;
      case 'definition': {
        const u = t as typeof s;
        if (s.url !== u.url) add(at, 'url', s.url, u.url);
        if (s.identifier !== u.identifier) add(at, 'reference', s.label ?? s.identifier, u.label ?? u.identifier);
        return;
      }
      case 'heading':
        if (s.depth !== (t as typeof s).depth) add(at, 'block', `heading level ${s.depth}`, `heading level ${(t as typeof s).depth}`);
        phrasing(s.children, (t as typeof s).children, at);
        return;
      case 'paragraph':
      case 'tableCell':
        phrasing(s.children, (t as typeof s).children, at);
        return;
      case 'list': {
        const u = t as typeof s;
        if (Boolean(s.ordered) !== Boolean(u.ordered) || (s.ordered && (s.start ?? 1) !== (u.start ?? 1))) {
          const describe = (l: typeof s) => (l.ordered ? `ordered list from ${l.start ?? 1}` : 'bullet list');
          add(at, 'block', describe(s), describe(u));
        }
        break;
      }
      case 'listItem':
        if ((s.checked ?? null) !== ((t as typeof s).checked ?? null)) add(at, 'block', `checked: ${String(s.checked ?? null)}`, `checked: ${String((t as typeof s).checked ?? null)}`);
        break;
      default:
        if (!('children' in s) && JSON.stringify(strip(s)) !== JSON.stringify(strip(t))) add(at, 'block', slice(source, s), slice(translated, t));
    }
    if ('children' in s) {
      const a = s.children as Nodes[];
      const b = (t as Parent).children as Nodes[];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const x = a[i];
        const y = b[i];
        if (x && y) walk(x, y, [...at, i]);
        else add([...at, i], 'block', x ? slice(source, x) : null, y ? slice(translated, y) : null);
      }
    }
  };

  /** Inline: what is not text (URLs, code, HTML, references) paired by kind, in order, as the alignment pairs them. */
  const phrasing = (a: readonly PhrasingContent[], b: readonly PhrasingContent[], at: number[]) => {
    const s = phrasingToTokens(a);
    const t = phrasingToTokens(b);
    const path = formatPath(at);
    if (!segmentAt.has(path) && tokensText(s.tokens) !== tokensText(t.tokens)) add(at, 'text', tokensText(s.tokens), tokensText(t.tokens));
    const free = [...t.placeholders];
    const unmatched = s.placeholders.filter((p) => {
      const i = free.findIndex((q) => q.kind === p.kind && q.display === p.display);
      if (i < 0) return true;
      free.splice(i, 1);
      return false;
    });
    for (const p of unmatched) {
      const i = free.findIndex((q) => q.kind === p.kind);
      if (i < 0) continue; // missing altogether: the placeholder check refuses it
      const q = free.splice(i, 1)[0]!;
      const what: NotTakenKind = p.kind === 'link' || p.kind === 'image' || p.kind === 'autolink' ? 'url' : p.kind === 'inlineCode' || p.kind === 'html' ? p.kind : 'reference';
      add(at, what, p.display ?? null, q.display ?? null);
    }
  };

  walk(source.tree, translated.tree, []);
  return out;
}

function strip(node: Nodes): unknown {
  const { position: _position, ...rest } = node as Nodes & { position?: unknown };
  return rest;
}

/** Front matter keys (dotted leaves) that are not translated: changed, added or removed. */
function frontMatter(source: string, translated: string, keys: readonly string[], report: (key: string, kept: string | null, found: string | null) => void) {
  const translatable = new Set([...translatableValues(source, keys), ...translatableValues(translated, keys)].map((v) => v.key));
  const a = leaves(source);
  const b = leaves(translated);
  if (!a || !b) {
    if (source !== translated) report('', source, translated);
    return;
  }
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (translatable.has(key)) continue;
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (x !== y) report(key, x, y);
  }
}

/** The YAML's scalar leaves by dotted path (null when it does not parse). */
function leaves(yamlText: string): Map<string, string> | null {
  let data: unknown;
  try {
    data = parse(yamlText);
  } catch {
    return null;
  }
  const out = new Map<string, string>();
  const visit = (value: unknown, path: string[]) => {
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) out.set(path.join('.'), JSON.stringify(value));
      for (const [k, v] of entries) visit(v, [...path, k]);
      return;
    }
    out.set(path.join('.'), typeof value === 'string' ? value : JSON.stringify(value));
  };
  visit(data ?? {}, []);
  return out;
}
