/**
 * What XLIFF 1.2 (xliff12.ts) and XLIFF 2.0 (xliff.ts) share: the mapping of a segment's
 * placeholders onto inline codes and back, the mapping of states, and the units read from a
 * file. Both are read with safe-xml.ts (malformed XML: `xml_malformed` with line and column; a
 * DOCTYPE with entity declarations: `xml_doctype_refused`) and written with its buildXml.
 *
 * Placeholders (the canonical form `<g id="1">…</g>`, `<x id="2"/>`):
 *
 * | Editions  | XLIFF 1.2 out | 1.2 in                                     | 2.0 out       | 2.0 in                         |
 * | --------- | ------------- | ------------------------------------------ | ------------- | ------------------------------ |
 * | paired    | `<g id>`      | `<g>`, `<bx/>`…`<ex/>` (rid), `<bpt>`…`<ept>` | `<pc id>`     | `<pc>`, `<sc/>`…`<ec startRef/>` |
 * | standalone| `<x id/>`     | `<x/>`, `<ph>`, `<it>`                      | `<ph id/>`    | `<ph/>`                        |
 *
 * `<mrk>` and `<sub>` are read for their text; 2.0 `<cp hex>` is its character.
 */
import { DomainError } from '../errors.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import type { Placeholder, Token } from '../markdown/tokens.ts';
import { pushText } from '../markdown/tokens.ts';
import type { SegmentState } from '../workflow/transitions.ts';
import { el, txt, type Element } from './safe-xml.ts';

/**
 * The Editions namespace, declared on the root of both versions' exports (prefix `editions`):
 * `editions:version` on each <unit>/<trans-unit> is the segment's version when exported, which
 * an upload compares with the segment's version now. Both standards allow attributes of other
 * namespaces there (XLIFF 1.2 <trans-unit>: "non-XLIFF attributes"; 2.0 <unit>: "attributes
 * from any namespace"). Read under whatever prefix the file binds to this namespace.
 */
export const EDITIONS_NS = 'urn:x-editions:xliff';

/** The Editions version a unit carries (null: none, or not a whole number). */
export function editionsVersionOf(unit: Element, scopes: readonly Element[]): number | null {
  const prefixes = new Set<string>();
  for (const scope of [...scopes, unit]) {
    for (const [name, value] of Object.entries(scope.attributes ?? {})) {
      if (!name.startsWith('xmlns:')) continue;
      if (value === EDITIONS_NS) prefixes.add(name.slice(6));
      else prefixes.delete(name.slice(6));
    }
  }
  for (const prefix of prefixes) {
    const raw = unit.attributes?.[`${prefix}:version`];
    if (raw !== undefined && /^\s*\d{1,15}\s*$/.test(String(raw))) return Number(raw);
  }
  return null;
}

/** What a file's state says of its target, whatever the version. */
export type FileStateClass = 'none' | 'new' | 'review' | 'translated' | 'final';

/** A unit read from a file: its target in the canonical form (null: no target or an empty one). */
export interface XliffUnitIn {
  id: string;
  target: string | null;
  /** The state as the file writes it (1.2 `state`, 2.0 `state`), null when absent. */
  fileState: string | null;
  stateClass: FileStateClass;
  /** The segment's version when the file was exported (`editions:version`), null when the unit has none. */
  version: number | null;
}

export interface XliffDocumentIn {
  version: '1.2' | '2.0';
  units: XliffUnitIn[];
}

/** A segment as exported (both versions). */
export interface XliffSegment {
  id: string;
  source: string;
  target: string | null;
  state: SegmentState;
  /** The segment's version now (1 for a locale not started: its rows start there), written as `editions:version`. */
  version: number;
  placeholders: readonly Placeholder[];
  notes: readonly string[];
}

/** Editions' state → XLIFF 1.2 `state` (target) and 2.0 `state`/`subState` (segment). */
export const exportStates: Record<SegmentState, { v12: string | null; v20: string; subState?: string }> = {
  untranslated: { v12: null, v20: 'initial' },
  machine: { v12: 'needs-review-translation', v20: 'initial', subState: 'editions:machine' },
  translated: { v12: 'translated', v20: 'translated' },
  changes_requested: { v12: 'needs-translation', v20: 'initial', subState: 'editions:changes_requested' },
  approved: { v12: 'final', v20: 'final' },
  stale: { v12: 'needs-review-translation', v20: 'initial', subState: 'editions:stale' },
};

/** XLIFF 1.2 `state` → what it says (unknown values, `x-…` included: as if absent). */
export function classOf12(state: string | null): FileStateClass {
  if (state === null) return 'none';
  if (state === 'new' || state === 'needs-translation') return 'new';
  if (state.startsWith('needs-')) return 'review';
  if (state === 'translated') return 'translated';
  if (state === 'signed-off' || state === 'final') return 'final';
  return 'none';
}

/** XLIFF 2.0 `state` (absent: the file says nothing, taken as translated, as before states were read). */
export function classOf20(state: string | null): FileStateClass {
  if (state === null) return 'none';
  if (state === 'initial') return 'new';
  if (state === 'translated') return 'translated';
  if (state === 'reviewed' || state === 'final') return 'final';
  return 'none';
}

const stateRank: Record<FileStateClass, number> = { new: 0, review: 1, none: 2, translated: 3, final: 4 };
/** The lower of two (a 2.0 unit of several segments is as far as its least advanced one). */
export function lowerState(a: FileStateClass, b: FileStateClass): FileStateClass {
  return stateRank[a] <= stateRank[b] ? a : b;
}

export interface InlineNames {
  paired: 'g' | 'pc';
  standalone: 'x' | 'ph';
  /** The attribute carrying a placeholder's display on a standalone code. */
  display: 'equiv-text' | 'disp';
}

/** A canonical text (`<g id="1">…</g>`) as inline XML nodes of one version. */
export function inlineNodes(text: string, placeholders: readonly Placeholder[], names: InlineNames): Element[] {
  const display = new Map(placeholders.map((p) => [p.id, p.display]));
  const root: Element[] = [];
  const stack: Element[][] = [root];
  for (const t of xmlCodec.decode(text).tokens) {
    const top = stack[stack.length - 1]!;
    if (t.type === 'text') top.push(txt(t.value));
    else if (t.type === 'open') {
      const e = el(names.paired, { id: String(t.id) });
      top.push(e);
      stack.push(e.elements!);
    } else if (t.type === 'close') {
      if (stack.length > 1) stack.pop();
    } else {
      const disp = display.get(t.id);
      top.push(el(names.standalone, { id: String(t.id), ...(disp ? { [names.display]: disp } : {}) }));
    }
  }
  return root;
}

function idOf(value: unknown): number {
  const digits = /\d+/.exec(String(value ?? ''));
  return digits ? Number(digits[0]) : -1;
}

/**
 * Inline XML nodes (either version) as a canonical text. Paired codes written as separate start
 * and end codes (1.2 `<bx/>`/`<ex/>`, `<bpt>`/`<ept>`; 2.0 `<sc/>`/`<ec/>`) become the same
 * open and close placeholders as `<g>`/`<pc>`: nothing is dropped.
 */
export function canonicalText(nodes: readonly Element[]): string {
  const tokens: Token[] = [];
  const startIds = new Map<string, number>();
  const walk = (list: readonly Element[]) => {
    for (const n of list) {
      if (n.type === 'text') pushText(tokens, String(n.text ?? ''));
      else if (n.type === 'cdata') pushText(tokens, String(n.cdata ?? ''));
      else if (n.type !== 'element') continue;
      else {
        const name = (n.name ?? '').replace(/^.*:/, '');
        const a = (n.attributes ?? {}) as Record<string, string | undefined>;
        const kids = (n.elements ?? []) as Element[];
        if (name === 'g' || name === 'pc') {
          const id = idOf(a.id);
          tokens.push({ type: 'open', id });
          walk(kids);
          tokens.push({ type: 'close', id });
        } else if (name === 'x' || name === 'ph' || name === 'it') tokens.push({ type: 'standalone', id: idOf(a.id) });
        else if (name === 'bx' || name === 'bpt' || name === 'sc') {
          const id = idOf(a.id);
          if (a.rid !== undefined) startIds.set(a.rid, id);
          startIds.set(String(a.id), id);
          tokens.push({ type: 'open', id });
        } else if (name === 'ex' || name === 'ept' || name === 'ec') {
          const ref = a.startRef ?? a.rid;
          tokens.push({ type: 'close', id: ref !== undefined && startIds.has(ref) ? startIds.get(ref)! : idOf(ref ?? a.id) });
        } else if (name === 'cp') pushText(tokens, String.fromCodePoint(Number.parseInt(a.hex ?? '0', 16) || 0xfffd));
        else walk(kids);
      }
    }
  };
  walk(nodes);
  return xmlCodec.encode(tokens);
}

/** The file names another target language. */
export function refuseOtherLanguage(found: string | undefined, targetLocale: string, field: string): void {
  if (found && found.toLowerCase() !== targetLocale.toLowerCase()) {
    throw new DomainError('validation_failed', `The XLIFF targets ${found}, not ${targetLocale}`, { field, problem: `expected ${targetLocale}` });
  }
}

/** Not the statement's <file>: named with what the document has. */
export function noFile(slug: string, attribute: string, found: readonly string[]): DomainError {
  return new DomainError('validation_failed', `The XLIFF has no <file ${attribute}="${slug}"> (it has ${found.length === 0 ? 'none' : found.map((f) => JSON.stringify(f)).join(', ')})`, { field: 'file', problem: `no file ${slug}` });
}
