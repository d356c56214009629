/**
 * TMX 1.4b, read and written as XML trees.
 *
 * Placeholders: the memory's form (`<g id="1">…</g>`, `<x id="2"/>`, see
 * markdown/placeholder-codec.ts) is written as `<bpt i="1" x="1">&lt;g id="1"&gt;</bpt>…<ept
 * i="1">&lt;/g&gt;</ept>` and `<ph x="2">&lt;x id="2"/&gt;</ph>` (native code: the memory's own
 * tag, so a tool that shows code text shows the memory's form). Read back: `<bpt>`/`<ept>`
 * paired by `i` → a paired placeholder, `<ph>` and `<it>` (an isolated code) → a standalone
 * one, numbered by `x` where it is a number, else in order of appearance; `<hi>` keeps its
 * text; `<ut>` (deprecated) and `<sub>` inside codes are code, not text.
 *
 * Read and written through ./safe-xml.ts: malformed XML refused with its line and column, a
 * DOCTYPE with an internal subset (billion laughs, external entities) refused, a DOCTYPE naming
 * the TMX DTD (as translate-toolkit writes) accepted and no DTD ever read.
 */
import { DomainError } from '../errors.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import type { Token } from '../markdown/tokens.ts';
import { pushText } from '../markdown/tokens.ts';
import { buildXml, parseXml, type Element } from './safe-xml.ts';

export interface TmxVariant {
  lang: string;
  /** The text in the memory's placeholder form. */
  text: string;
  /** Why this variant cannot be read (an unpaired code), if so. */
  problem?: string;
}

export interface TmxUnit {
  /** 1-based position among the file's <tu>. */
  index: number;
  /** The unit's tuid, if any. */
  id?: string;
  /** The unit's own srclang (overrides the header's). */
  srclang?: string;
  variants: TmxVariant[];
}

export interface TmxDocument {
  /** The header's srclang (`*all*` possible). */
  srclang: string;
  units: TmxUnit[];
}

/** Parses a TMX document. Throws xml_malformed (line, column), xml_doctype_refused, or validation_failed (not TMX). */
export function parseTmx(xml: string): TmxDocument {
  const root = parseXml(xml, { keepSpaces: true });
  const tmx = (root.elements ?? []).find((e) => e.type === 'element');
  if (!tmx || tmx.name !== 'tmx') throw new DomainError('validation_failed', `Not TMX: the root element is <${tmx?.name ?? 'none'}>, not <tmx>`, { field: 'body', problem: 'not TMX (no <tmx> root element)' });
  const children = (tmx.elements ?? []).filter((e) => e.type === 'element');
  const header = children.find((e) => e.name === 'header');
  const body = children.find((e) => e.name === 'body');
  const srclang = String(header?.attributes?.srclang ?? '').trim();
  const units: TmxUnit[] = [];
  let index = 0;
  for (const tu of (body?.elements ?? []).filter((e) => e.type === 'element' && e.name === 'tu')) {
    index++;
    const variants: TmxVariant[] = [];
    for (const tuv of (tu.elements ?? []).filter((e) => e.type === 'element' && e.name === 'tuv')) {
      const lang = String(tuv.attributes?.['xml:lang'] ?? tuv.attributes?.lang ?? '').trim();
      const seg = (tuv.elements ?? []).find((e) => e.type === 'element' && e.name === 'seg');
      if (!seg) continue;
      const read = readSeg(seg);
      variants.push({ lang, text: xmlCodec.encode(read.tokens), ...(read.problem ? { problem: read.problem } : {}) });
    }
    const id = tu.attributes?.tuid;
    const own = tu.attributes?.srclang;
    units.push({ index, ...(id !== undefined ? { id: String(id) } : {}), ...(own !== undefined ? { srclang: String(own) } : {}), variants });
  }
  return { srclang, units };
}

function readSeg(seg: Element): { tokens: Token[]; problem?: string } {
  const tokens: Token[] = [];
  const used = new Set<number>();
  const open = new Map<string, { type: 'open'; id: number }>();
  const pairs: { opener: { id: number }; close: { id: number } }[] = [];
  let problem: string | undefined;
  // A code's number: its x where that is a positive integer not yet used, else 0 (numbered below).
  const idOf = (x: unknown): number => {
    const n = Number(x);
    if (x === undefined || !Number.isInteger(n) || n <= 0 || used.has(n)) return 0;
    used.add(n);
    return n;
  };
  const walk = (elements: readonly Element[] | undefined) => {
    for (const e of elements ?? []) {
      if (e.type === 'text') pushText(tokens, String(e.text ?? ''));
      else if (e.type === 'cdata') pushText(tokens, String(e.cdata ?? ''));
      if (e.type !== 'element') continue;
      if (e.name === 'hi') walk(e.elements);
      else if (e.name === 'ph' || e.name === 'it') tokens.push({ type: 'standalone', id: idOf(e.attributes?.x) });
      else if (e.name === 'bpt') {
        const opener = { type: 'open' as const, id: idOf(e.attributes?.x) };
        open.set(String(e.attributes?.i ?? ''), opener);
        tokens.push(opener);
      } else if (e.name === 'ept') {
        const i = String(e.attributes?.i ?? '');
        const opener = open.get(i);
        if (!opener) {
          problem ??= `<ept i="${i}"> without its <bpt>`;
          continue;
        }
        open.delete(i);
        const close = { type: 'close' as const, id: 0 };
        tokens.push(close);
        pairs.push({ opener, close });
      }
      // <ut> and anything else: code or unknown markup, no text of the segment.
    }
  };
  walk(seg.elements);
  if (open.size > 0) problem ??= `<bpt i="${[...open.keys()][0]}"> without its <ept>`;
  // Codes without a usable x: the next free numbers, in order of appearance.
  let next = 1;
  for (const t of tokens) {
    if ((t.type === 'open' || t.type === 'standalone') && t.id === 0) {
      while (used.has(next)) next++;
      t.id = next;
      used.add(next);
    }
  }
  for (const p of pairs) p.close.id = p.opener.id;
  return { tokens, ...(problem ? { problem } : {}) };
}

export interface TmxEntry {
  sourceText: string;
  targetText: string;
  createdAt?: string;
}

function segOf(text: string): Element {
  const elements: Element[] = [];
  for (const t of xmlCodec.decode(text).tokens) {
    if (t.type === 'text') elements.push({ type: 'text', text: t.value });
    else if (t.type === 'open') elements.push({ type: 'element', name: 'bpt', attributes: { i: String(t.id), x: String(t.id) }, elements: [{ type: 'text', text: `<g id="${t.id}">` }] });
    else if (t.type === 'close') elements.push({ type: 'element', name: 'ept', attributes: { i: String(t.id) }, elements: [{ type: 'text', text: '</g>' }] });
    else elements.push({ type: 'element', name: 'ph', attributes: { x: String(t.id) }, elements: [{ type: 'text', text: `<x id="${t.id}"/>` }] });
  }
  return { type: 'element', name: 'seg', elements };
}

/** TMX 1.4b of one language pair's entries, built as a tree. */
export function buildTmx(sourceLocale: string, targetLocale: string, entries: readonly TmxEntry[], toolVersion = '0.1.0'): string {
  const tmxDate = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const tus: Element[] = entries.map((e) => ({
    type: 'element',
    name: 'tu',
    attributes: e.createdAt ? { creationdate: tmxDate(e.createdAt) } : {},
    elements: [
      { type: 'element', name: 'tuv', attributes: { 'xml:lang': sourceLocale }, elements: [segOf(e.sourceText)] },
      { type: 'element', name: 'tuv', attributes: { 'xml:lang': targetLocale }, elements: [segOf(e.targetText)] },
    ],
  }));
  const tmx: Element = {
    type: 'element',
    name: 'tmx',
    attributes: { version: '1.4' },
    elements: [
      { type: 'element', name: 'header', attributes: { creationtool: 'Editions', creationtoolversion: toolVersion, segtype: 'sentence', 'o-tmf': 'Editions', adminlang: 'en', srclang: sourceLocale, datatype: 'xml' } },
      { type: 'element', name: 'body', elements: tus },
    ],
  };
  // No indentation: white space inside <seg> is content.
  return buildXml(tmx, { spaces: 0 });
}
