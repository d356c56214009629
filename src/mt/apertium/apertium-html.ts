/**
 * One segment as the HTML paragraph APy's /translateDoc is sent, and back.
 *
 * - Paired placeholders become `<span data-ph="n">` (transfuse moves them with their words),
 *   standalone ones HTML comments (an empty element would split the sentence).
 * - `#hashtags`, `@handles` and every `*` of the source are shielded as comments, so that
 *   each `*`, `@` or `#` before a word in the answer is one of Apertium's marks (unknown
 *   word, no bilingual entry, generation error): the marks are stripped, and the words
 *   marked `*` or `@` (left untranslated) are returned as `unknownWords`.
 * - `rich` form (the first try): a quotation (“…”, "…", «…», „…“, ‘…’) becomes an inline
 *   span, so its marks move with the words they enclose (`“shameless” laws` → `leyes
 *   “desvergonzadas”`, not `“leyes” desvergonzadas`); a protected glossary term (standalone
 *   placeholder ≥ 900) is sent as a first name Apertium knows and keeps (`John`), which it
 *   inflects its neighbours around as a proper noun (a comment is a hole in the sentence:
 *   `Tickets from the <!---->  are` → `Entradas del … está`). A segment whose stand-ins or
 *   quotation spans do not all come back exactly once is sent again in the `plain` form
 *   (comments, quotation marks as text). See docs/apertium-notes.md for the measurements.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { escapeText } from '../../markdown/placeholder-codec.ts';
import type { Token } from '../../markdown/tokens.ts';
import { pushText } from '../../markdown/tokens.ts';
import { firstProtectedId } from '../glossary-protect.ts';
import { mergeSplitSpans } from './merge-split-spans.ts';

const firstQuoteId = 700;

/**
 * First names and places that Apertium's English→Spanish, Catalan, Galician and Esperanto
 * dictionaries know as proper nouns and keep as they are, and that do not make a
 * Spanish participle feminine (`Mary escrita`).
 */
export const standInNames = [
  'Boston', 'Chicago', 'Dallas', 'Denver', 'John', 'Kevin', 'Brian', 'David', 'Daniel',
  'Robert', 'Peter', 'Paul', 'Oscar', 'Hugo', 'Martin', 'Simon', 'Adam',
] as const;

export type HtmlForm = 'rich' | 'plain';

export interface RenderedSegment {
  html: string;
  /** The answer's paragraph → tokens; `ok: false` when a stand-in or a quotation did not come back whole. */
  read(html: string): { tokens: Token[]; unknownWords: string[]; ok: boolean };
}

interface QuoteMarks {
  open: string;
  close: string;
}

const closers: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“', '‘': '’' };

/** Quotation pairs in the tokens, at the same placeholder depth, turned into open/close tokens (ids from 700). */
function quoteSpans(tokens: readonly Token[], quotes: Map<number, QuoteMarks>): Token[] {
  // Positions of candidate marks: [token index, offset, char, path of open placeholders].
  interface Mark { t: number; at: number; ch: string; path: string; opening: boolean }
  const marks: Mark[] = [];
  const stack: number[] = [];
  tokens.forEach((tok, t) => {
    if (tok.type === 'open') stack.push(tok.id);
    else if (tok.type === 'close') stack.pop();
    else if (tok.type === 'text') {
      const v = tok.value;
      for (let at = 0; at < v.length; at++) {
        const ch = v[at]!;
        if (!'“”"«»„‘’'.includes(ch)) continue;
        const before = at > 0 ? v[at - 1]! : t > 0 && tokens[t - 1]!.type === 'text' ? '' : ' ';
        const after = at + 1 < v.length ? v[at + 1]! : ' ';
        const letterBefore = /[\p{L}\p{N}]/u.test(before);
        const letterAfter = /[\p{L}\p{N}]/u.test(after);
        // An apostrophe (people’s, ’90s) is not a quotation mark.
        if ((ch === '’' || ch === '‘') && letterBefore && letterAfter) continue;
        if (ch === '’' && !letterBefore && letterAfter) continue;
        marks.push({ t, at, ch, path: stack.join('/'), opening: !letterBefore });
      }
    }
  });
  const pairs: [Mark, Mark][] = [];
  const open: Mark[] = [];
  for (const m of marks) {
    const top = open.at(-1);
    if (top && closers[top.ch] === m.ch && top.path === m.path && (m.ch !== '"' || !m.opening || top.ch === '"')) {
      open.pop();
      pairs.push([top, m]);
    } else if (m.ch in closers && (m.opening || m.ch !== '"')) open.push(m);
  }
  if (pairs.length === 0) return tokens.map((t) => ({ ...t }));
  const at = new Map<string, Token>();
  pairs.forEach(([o, c], k) => {
    const id = firstQuoteId + k;
    quotes.set(id, { open: o.ch, close: c.ch });
    at.set(`${o.t}:${o.at}`, { type: 'open', id });
    at.set(`${c.t}:${c.at}`, { type: 'close', id });
  });
  const out: Token[] = [];
  tokens.forEach((tok, t) => {
    if (tok.type !== 'text') return void out.push({ ...tok });
    let from = 0;
    for (let i = 0; i < tok.value.length; i++) {
      const q = at.get(`${t}:${i}`);
      if (!q) continue;
      pushText(out, tok.value.slice(from, i));
      out.push(q);
      from = i + 1;
    }
    pushText(out, tok.value.slice(from));
  });
  return out;
}

function shieldText(value: string, shields: Map<number, string>, next: () => number): string {
  return value
    .split(/([#@][\p{L}\p{N}_]+|\*+)/u)
    .map((part, i) => {
      if (i % 2 === 0) return escapeText(part);
      const id = next();
      shields.set(id, part);
      return `<!--s:${id}-->`;
    })
    .join('');
}

/** Tokens → the HTML of one paragraph (the plain form); #hashtags, @handles and `*` shielded as comments. */
export function toHtml(tokens: readonly Token[], shields: Map<number, string>): string {
  return render(tokens, shields, 'plain').html;
}

export function render(tokens: readonly Token[], shields: Map<number, string>, form: HtmlForm): RenderedSegment {
  const quotes = new Map<number, QuoteMarks>();
  const names = new Map<string, number>();
  const sent = form === 'rich' ? quoteSpans(tokens, quotes) : tokens;
  if (form === 'rich') {
    const text = tokens.map((t) => (t.type === 'text' ? t.value : ' ')).join('').toLowerCase();
    const free = standInNames.filter((n) => !new RegExp(`(?<![\\p{L}\\p{N}])${n.toLowerCase()}(?![\\p{L}\\p{N}])`, 'u').test(text));
    for (const t of tokens) if (t.type === 'standalone' && t.id >= firstProtectedId && free.length > 0) names.set(free.shift()!, t.id);
  }
  const nameOf = new Map([...names].map(([name, id]) => [id, name]));
  let nextShield = shields.size;
  let html = '';
  for (const t of sent) {
    if (t.type === 'open') html += `<span data-ph="${t.id}">`;
    else if (t.type === 'close') html += '</span>';
    else if (t.type === 'standalone') html += nameOf.has(t.id) ? nameOf.get(t.id)! : `<!--x:${t.id}-->`;
    else html += shieldText(t.value, shields, () => nextShield++);
  }
  return { html, read: (answer) => read(answer, shields, quotes, names) };
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const decoded = decodeNamedCharacterReference(ref);
    return decoded === false ? whole : decoded;
  });
}

const mark = /([*@#])([\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*)/gu;

/** Strips Apertium's marks; the words marked `*` (unknown) or `@` (no translation) are collected. */
export function stripMarks(text: string, unknown: string[]): string {
  return text.replace(mark, (_all, sign: string, word: string) => {
    if (sign !== '#' && !unknown.includes(word)) unknown.push(word);
    return word;
  });
}

function read(html: string, shields: ReadonlyMap<number, string>, quotes: ReadonlyMap<number, QuoteMarks>, names: ReadonlyMap<string, number>) {
  let tokens: Token[] = [];
  const unknownWords: string[] = [];
  const open: number[] = [];
  let ok = true;
  for (const part of html.split(/(<!--[xs]:\d+-->|<span data-ph="\d+">|<\/span>|<[^>]*>)/)) {
    if (part === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^<!--s:(\d+)-->$/.exec(part))) {
      const shield = shields.get(Number(m[1]));
      if (shield === undefined) ok = false;
      else pushText(tokens, shield);
    } else if ((m = /^<!--x:(\d+)-->$/.exec(part))) {
      tokens.push({ type: 'standalone', id: Number(m[1]) });
    } else if ((m = /^<span data-ph="(\d+)">$/.exec(part))) {
      open.push(Number(m[1]));
      tokens.push({ type: 'open', id: Number(m[1]) });
    } else if (part === '</span>') {
      const id = open.pop();
      if (id !== undefined) tokens.push({ type: 'close', id });
    } else if (part.startsWith('<')) {
      continue;
    } else {
      pushText(tokens, stripMarks(decodeEntities(part), unknownWords));
    }
  }
  if (names.size > 0) {
    const seen = new Map<number, number>();
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${[...names.keys()].join('|')})(?![\\p{L}\\p{N}])`, 'gu');
    const out: Token[] = [];
    for (const t of tokens) {
      if (t.type !== 'text') {
        out.push(t);
        continue;
      }
      let from = 0;
      for (const n of t.value.matchAll(pattern)) {
        const id = names.get(n[1]!)!;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        pushText(out, t.value.slice(from, n.index));
        out.push({ type: 'standalone', id });
        from = n.index + n[0].length;
      }
      pushText(out, t.value.slice(from));
    }
    tokens = out;
    ok &&= [...names.values()].every((id) => seen.get(id) === 1);
  }
  const restored = restoreQuotes(mergeSplitSpans(tokens), quotes);
  return { tokens: restored.tokens, unknownWords, ok: ok && restored.ok };
}

/** Quotation spans back to their marks (not ok when one did not come back whole). */
function restoreQuotes(tokens: readonly Token[], quotes: ReadonlyMap<number, QuoteMarks>): { tokens: Token[]; ok: boolean } {
  const out: Token[] = [];
  const count = new Map<number, number>();
  for (const t of tokens) {
    if ((t.type === 'open' || t.type === 'close') && quotes.has(t.id)) {
      const q = quotes.get(t.id)!;
      count.set(t.id, (count.get(t.id) ?? 0) + 1);
      pushText(out, t.type === 'open' ? q.open : q.close);
    } else if (t.type === 'text') pushText(out, t.value);
    else out.push(t);
  }
  return { tokens: out, ok: [...quotes.keys()].every((id) => count.get(id) === 2) };
}
