/**
 * `quotes` (warning): the quotations of the source and of the translation.
 *
 * - `quotes.count`: the translation has another number of quotations than the source, or a
 *   mark left without its partner (an engine that moves words around straight quotes:
 *   `rated "good" sites` → `los" sitios buenos de "las`).
 * - `quotes.moved`: the n-th quotation encloses other content than in the source: other
 *   placeholders, a name or figure (a word written the same in both texts) of the source
 *   quotation now outside it or one from outside now inside, the whole segment in one and
 *   not in the other (one-letter words aside), or a word count out of all proportion (more than twice plus one, or
 *   less than half minus one). An adjective and its noun swapping places (`“shameless”
 *   laws` → `“leyes” desvergonzadas`) cannot be seen without a dictionary: the Apertium
 *   provider moves the marks with their words instead (apertium-html.ts).
 * - `quotes.ascii`: typographic marks of the source (“ ” ‘ ’, the apostrophe ’) written as
 *   straight ASCII ones (" ') in the translation, with a fix. Double quotes are left to the
 *   `punctuation` rule for French and German, whose conventions it knows.
 *
 * Quotation pairs: “…” „…“ «…» "…" and ‘…’ (an apostrophe between letters, or before a
 * letter after a non-letter as in ’90s, is not a quotation mark), paired like brackets.
 */
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import type { Token } from '../markdown/tokens.ts';
import { pushText } from '../markdown/tokens.ts';
import { segmentFinding } from './finding.ts';
import { languageOf } from './locale-language.ts';
import type { QualityFinding, SegmentRule } from './types.ts';

type Unit = { kind: 'word'; value: string } | { kind: 'ph'; id: number } | { kind: 'mark'; ch: string; opening: boolean };

interface Quotation {
  words: string[];
  placeholders: number[];
  wholeSegment: boolean;
  text: string;
}

const closers: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“', '‘': '’' };
const word = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/uy;

function units(tokens: readonly Token[]): Unit[] {
  const out: Unit[] = [];
  for (const [t, tok] of tokens.entries()) {
    if (tok.type !== 'text') {
      if (tok.type !== 'close') out.push({ kind: 'ph', id: tok.id });
      continue;
    }
    const v = tok.value;
    for (let at = 0; at < v.length; ) {
      word.lastIndex = at;
      const w = word.exec(v);
      if (w) {
        out.push({ kind: 'word', value: w[0] });
        at += w[0].length;
        continue;
      }
      const ch = v[at]!;
      if ('“”"«»„‘’\''.includes(ch)) {
        const before = at > 0 ? v[at - 1]! : t > 0 && tokens[t - 1]!.type === 'close' ? 'a' : ' ';
        const letterBefore = /[\p{L}\p{N}]/u.test(before);
        const letterAfter = /[\p{L}\p{N}]/u.test(v[at + 1] ?? ' ');
        const apostrophe = (ch === '’' || ch === "'" || ch === '‘') && ((letterBefore && letterAfter) || (!letterBefore && letterAfter && ch !== '‘'));
        if (!apostrophe && ch !== "'") out.push({ kind: 'mark', ch, opening: !letterBefore });
      }
      at++;
    }
  }
  return out;
}

function quotations(xml: string): { pairs: Quotation[]; unpaired: number } {
  const list = units(xmlCodec.decode(xml).tokens);
  const content = (from: number, to: number) => list.slice(from, to).filter((u) => u.kind !== 'mark');
  const pairs: { open: number; close: number }[] = [];
  const stack: number[] = [];
  let unpaired = 0;
  list.forEach((u, i) => {
    if (u.kind !== 'mark') return;
    const top = stack.at(-1);
    const topMark = top === undefined ? undefined : (list[top] as Extract<Unit, { kind: 'mark' }>);
    if (topMark && closers[topMark.ch] === u.ch) {
      stack.pop();
      pairs.push({ open: top!, close: i });
    } else if (u.ch in closers && (u.opening || u.ch !== '"')) stack.push(i);
    else unpaired++;
  });
  unpaired += stack.length;
  // A one-letter word (a mark a tool added, a conjunction) does not make a quotation partial.
  const substantial = (from: number, to: number) => content(from, to).filter((u) => u.kind !== 'word' || [...u.value].length > 1).length;
  const total = substantial(0, list.length);
  return {
    unpaired,
    pairs: pairs
      .sort((a, b) => a.open - b.open)
      .map(({ open, close }) => {
        const inside = content(open + 1, close);
        const words = inside.flatMap((u) => (u.kind === 'word' ? [u.value] : []));
        return {
          words,
          placeholders: inside.flatMap((u) => (u.kind === 'ph' ? [u.id] : [])),
          wholeSegment: substantial(open + 1, close) === total,
          text: words.slice(0, 8).join(' ') + (words.length > 8 ? ' …' : ''),
        };
      }),
  };
}

/** Words written the same in source and translation, once in each: names, figures, codes. */
function sharedTokens(source: readonly string[], target: readonly string[]): Set<string> {
  const count = (list: readonly string[]) => list.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
  const s = count(source);
  const t = count(target);
  return new Set([...s].filter(([w, n]) => n === 1 && t.get(w) === 1 && /[\p{Lu}\p{N}]/u.test(w) && [...w].length > 1).map(([w]) => w));
}

function moved(source: Quotation, target: Quotation, shared: ReadonlySet<string>): boolean {
  if (source.placeholders.join() !== target.placeholders.join()) return true;
  if (source.wholeSegment !== target.wholeSegment) return true;
  const inSource = source.words.filter((w) => shared.has(w)).sort().join();
  const inTarget = target.words.filter((w) => shared.has(w)).sort().join();
  if (inSource !== inTarget) return true;
  const n = source.words.length;
  const m = target.words.length;
  return m > 2 * n + 1 || 2 * m + 1 < n;
}

function asciiFix(xml: string, doubles: boolean, singles: boolean): string {
  const out: Token[] = [];
  for (const t of xmlCodec.decode(xml).tokens) {
    if (t.type !== 'text') {
      out.push(t);
      continue;
    }
    let v = t.value;
    if (singles) v = v.replace(/(?<=[\p{L}\p{N}])'(?=[\p{L}\p{N}])/gu, '’');
    if (doubles) v = v.replace(/"/g, (_q, at: number, all: string) => (/[\p{L}\p{N}.,;:!?…)\]]/u.test(all[at - 1] ?? ' ') ? '”' : '“'));
    pushText(out, v);
  }
  return xmlCodec.encode(out);
}

export const quotesRule: SegmentRule = {
  id: 'quotes',
  check(input) {
    const findings: QualityFinding[] = [];
    const source = quotations(input.segment.text);
    const target = quotations(input.text);
    if (source.pairs.length !== target.pairs.length || target.unpaired > source.unpaired) {
      findings.push(segmentFinding(input, 'quotes', 'warning', 'quotes.count', { source: source.pairs.length, target: target.pairs.length }));
    } else {
      const words = (xml: string) => units(xmlCodec.decode(xml).tokens).flatMap((u) => (u.kind === 'word' ? [u.value] : []));
      const shared = sharedTokens(words(input.segment.text), words(input.text));
      source.pairs.forEach((s, i) => {
        const t = target.pairs[i]!;
        if (moved(s, t, shared)) findings.push(segmentFinding(input, 'quotes', 'warning', 'quotes.moved', { source: s.text, target: t.text }));
      });
    }
    const sourcePlain = xmlCodec.decode(input.segment.text).tokens.map((t) => (t.type === 'text' ? t.value : ' ')).join('');
    const targetPlain = xmlCodec.decode(input.text).tokens.map((t) => (t.type === 'text' ? t.value : ' ')).join('');
    const language = languageOf(input.targetLocale);
    const doubles = /[“”]/u.test(sourcePlain) && targetPlain.includes('"') && language !== 'fr' && language !== 'de';
    const singles = /’/u.test(sourcePlain) && /(?<=[\p{L}\p{N}])'(?=[\p{L}\p{N}])/u.test(targetPlain);
    if (doubles || singles) {
      const marks = [doubles ? '" → “ ”' : '', singles ? "' → ’" : ''].filter((m) => m !== '').join(', ');
      findings.push(segmentFinding(input, 'quotes', 'warning', 'quotes.ascii', { marks }, asciiFix(input.text, doubles, singles)));
    }
    return findings;
  },
};
