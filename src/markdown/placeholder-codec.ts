/**
 * String forms of a segment's tokens.
 *
 * `xml` is the canonical form stored, shown in the API and sent to engines with an HTML
 * mode: `<g id="1">…</g>` for paired placeholders, `<x id="2"/>` for standalone ones, and
 * `&lt;` `&gt;` `&amp;` for those characters in text (XLIFF 1.2 inline elements).
 * `xliff2` is the same model with XLIFF 2.0 inline codes: `<pc id="1">…</pc>`, `<ph id="2"/>`.
 *
 * Decoding never throws: what cannot be read becomes a finding, and the tokens read so far.
 */
import type { Token } from './tokens.ts';
import { pushText } from './tokens.ts';

export interface PlaceholderCodec {
  readonly name: 'xml' | 'xliff2';
  encode(tokens: readonly Token[]): string;
  decode(text: string): DecodeResult;
}

export type DecodeProblem =
  | { code: 'placeholder-unclosed'; placeholderId: number }
  | { code: 'placeholder-stray-close'; at: number };

export interface DecodeResult {
  tokens: Token[];
  problems: DecodeProblem[];
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeText(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16)) ?? whole;
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10)) ?? whole;
    return entities[name] ?? whole;
  });
}

function safeCodePoint(cp: number): string | undefined {
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
}

function makeCodec(name: 'xml' | 'xliff2', pairedTag: string, standaloneTag: string): PlaceholderCodec {
  // <g id="1">, <g id='1' >, </g>, <x id="2"/>, <x id="2" />, <x id="2"></x>
  const tag = new RegExp(
    `<(/?)(${pairedTag}|${standaloneTag})(?:\\s+id\\s*=\\s*(?:"(\\d+)"|'(\\d+)'))?\\s*(/?)>(?:</${standaloneTag}>)?`,
    'y',
  );
  return {
    name,
    encode(tokens) {
      let out = '';
      for (const t of tokens) {
        if (t.type === 'text') out += escapeText(t.value);
        else if (t.type === 'open') out += `<${pairedTag} id="${t.id}">`;
        else if (t.type === 'close') out += `</${pairedTag}>`;
        else out += `<${standaloneTag} id="${t.id}"/>`;
      }
      return out;
    },
    decode(text) {
      const tokens: Token[] = [];
      const problems: DecodeProblem[] = [];
      const open: number[] = [];
      let textStart = 0;
      let i = text.indexOf('<');
      while (i !== -1) {
        tag.lastIndex = i;
        const m = tag.exec(text);
        const parsed = m ? readTag(m) : undefined;
        if (!m || !parsed) {
          i = text.indexOf('<', i + 1);
          continue;
        }
        pushText(tokens, unescapeText(text.slice(textStart, i)));
        if (parsed.kind === 'close') {
          const id = open.pop();
          if (id === undefined) problems.push({ code: 'placeholder-stray-close', at: i });
          else tokens.push({ type: 'close', id });
        } else if (parsed.kind === 'open') {
          open.push(parsed.id);
          tokens.push({ type: 'open', id: parsed.id });
        } else {
          tokens.push({ type: 'standalone', id: parsed.id });
        }
        textStart = tag.lastIndex;
        i = text.indexOf('<', textStart);
      }
      pushText(tokens, unescapeText(text.slice(textStart)));
      for (const id of open) problems.push({ code: 'placeholder-unclosed', placeholderId: id });
      return { tokens, problems };
    },
  };

  function readTag(m: RegExpExecArray):
    | { kind: 'open' | 'standalone'; id: number }
    | { kind: 'close' }
    | undefined {
    const [, slash, tagName, id1, id2, selfClose] = m;
    const id = id1 ?? id2;
    if (tagName === pairedTag) {
      if (slash) return id === undefined && !selfClose ? { kind: 'close' } : undefined;
      if (id === undefined) return undefined;
      return selfClose ? { kind: 'standalone', id: Number(id) } : { kind: 'open', id: Number(id) };
    }
    if (slash || id === undefined) return undefined;
    return { kind: 'standalone', id: Number(id) };
  }
}

export const xmlCodec: PlaceholderCodec = makeCodec('xml', 'g', 'x');
export const xliff2Codec: PlaceholderCodec = makeCodec('xliff2', 'pc', 'ph');

export const codecs = { xml: xmlCodec, xliff2: xliff2Codec } as const;
