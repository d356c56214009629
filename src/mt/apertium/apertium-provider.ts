/**
 * Apertium, the offline engine, through APy's /translateDoc: the segments of a batch go as
 * one HTML document, a <p data-id> each, so transfuse moves inline tags with their words.
 * Paired placeholders become <span data-ph="n">, standalone ones HTML comments (an empty
 * element would split the sentence), hashtags and @handles are protected the same way.
 * Every segment must come back (count and ids): a 200 alone is never trusted. Copies of an
 * inline element that transfuse makes when words split are merged back (merge-split-spans.ts).
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { escapeText, xmlCodec } from '../../markdown/placeholder-codec.ts';
import type { Token } from '../../markdown/tokens.ts';
import { pushText } from '../../markdown/tokens.ts';
import { unsupportedPair, type Availability, type MachineTranslationProvider, type SegmentResult, type TranslateRequest } from '../provider.ts';
import { ProviderError } from '../retry.ts';
import { mergeSplitSpans } from './merge-split-spans.ts';

/** BCP 47 → Apertium's codes. */
const codes: Record<string, string> = {
  en: 'eng', es: 'spa', ca: 'cat', 'ca-valencia': 'cat_valencia', gl: 'glg', eo: 'epo',
  hr: 'hbs_HR', sr: 'hbs_SR', bs: 'hbs_BS', sh: 'hbs', pt: 'por', fr: 'fra', it: 'ita', oc: 'oci', eu: 'eus',
};

export function apertiumCode(locale: string): string | undefined {
  const lower = locale.toLowerCase();
  return codes[lower] ?? codes[lower.split('-')[0]!];
}

const firstShieldId = 800;

/** Tokens → the HTML of one paragraph; #hashtags and @handles shielded as comments. */
export function toHtml(tokens: readonly Token[], shields: Map<number, string>): string {
  let out = '';
  let next = firstShieldId;
  for (const t of tokens) {
    if (t.type === 'open') out += `<span data-ph="${t.id}">`;
    else if (t.type === 'close') out += '</span>';
    else if (t.type === 'standalone') out += `<!--x:${t.id}-->`;
    else {
      out += t.value
        .split(/([#@][\p{L}\p{N}_]+)/u)
        .map((part, i) => {
          if (i % 2 === 0) return escapeText(part);
          shields.set(next, part);
          return `<!--x:${next++}-->`;
        })
        .join('');
    }
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const decoded = decodeNamedCharacterReference(ref);
    return decoded === false ? whole : decoded;
  });
}

/** The HTML of one translated paragraph → tokens (unknown tags dropped). */
function fromHtml(html: string, shields: ReadonlyMap<number, string>): Token[] {
  const tokens: Token[] = [];
  const open: number[] = [];
  for (const part of html.split(/(<!--x:\d+-->|<span data-ph="\d+">|<\/span>|<[^>]*>)/)) {
    if (part === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^<!--x:(\d+)-->$/.exec(part))) {
      const id = Number(m[1]);
      if (shields.has(id)) pushText(tokens, shields.get(id)!);
      else tokens.push({ type: 'standalone', id });
    } else if ((m = /^<span data-ph="(\d+)">$/.exec(part))) {
      open.push(Number(m[1]));
      tokens.push({ type: 'open', id: Number(m[1]) });
    } else if (part === '</span>') {
      const id = open.pop();
      if (id !== undefined) tokens.push({ type: 'close', id });
    } else if (part.startsWith('<')) {
      continue;
    } else {
      pushText(tokens, decodeEntities(part));
    }
  }
  return tokens;
}

export interface ApertiumOptions {
  url: string;
  timeoutMs: number;
  concurrency?: number;
}

export function createApertiumProvider(options: ApertiumOptions): MachineTranslationProvider {
  let pairs: Set<string> | undefined;

  const loadPairs = async (): Promise<Availability> => {
    try {
      const res = await fetch(`${options.url}/listPairs`, { signal: AbortSignal.timeout(options.timeoutMs) });
      if (!res.ok) return { available: false, reason: `APy answered ${res.status} at ${options.url}` };
      const body = (await res.json()) as { responseData?: { sourceLanguage: string; targetLanguage: string }[] };
      pairs = new Set((body.responseData ?? []).map((p) => `${p.sourceLanguage}|${p.targetLanguage}`));
      return { available: true };
    } catch (error) {
      return { available: false, reason: `APy not reachable at ${options.url} (${(error as Error).message})` };
    }
  };

  const pairOf = (source: string, target: string) => {
    const s = apertiumCode(source);
    const t = apertiumCode(target);
    return s && t ? `${s}|${t}` : undefined;
  };

  return {
    id: 'apertium',
    label: 'Apertium (offline, rule-based)',
    development: false,
    limits: { maxSegmentsPerRequest: 200, maxCharactersPerRequest: 30_000, concurrency: options.concurrency ?? 2 },
    placeholderForm: 'html',
    availability: loadPairs,
    supports(source, target) {
      const pair = pairOf(source, target);
      return pair !== undefined && pairs !== undefined && pairs.has(pair);
    },
    async translate(request: TranslateRequest): Promise<SegmentResult[]> {
      if (!pairs) await loadPairs();
      const pair = pairOf(request.sourceLocale, request.targetLocale);
      if (!pair || !this.supports(request.sourceLocale, request.targetLocale)) {
        throw unsupportedPair('apertium', request.sourceLocale, request.targetLocale);
      }
      const shields = new Map<number, string>();
      const paragraphs = request.segments.map((s, i) => ({ i, html: s.text === '' ? '' : toHtml(xmlCodec.decode(s.text).tokens, shields) }));
      const sent = paragraphs.filter((p) => p.html !== '');
      const translated = new Map<number, string>();
      if (sent.length > 0) {
        const doc = `<html><body>\n${sent.map((p) => `<p data-id="${p.i}">${p.html}</p>`).join('\n')}\n</body></html>\n`;
        const form = new FormData();
        form.set('langpair', pair);
        form.set('markUnknown', 'no');
        form.set('file', new Blob([doc], { type: 'text/html' }), 'segments.html');
        let res: Response;
        try {
          res = await fetch(`${options.url}/translateDoc`, { method: 'POST', body: form, signal: AbortSignal.timeout(options.timeoutMs) });
        } catch (error) {
          throw new ProviderError(`apertium: ${(error as Error).message}`, { transient: true, cause: error });
        }
        const body = await res.text();
        if (!res.ok) throw new ProviderError(`apertium: ${res.status}: ${body.slice(0, 200)}`, { transient: res.status >= 500 || res.status === 429, status: res.status });
        for (const m of body.matchAll(/<p data-id="(\d+)">([\s\S]*?)<\/p>/g)) {
          const i = Number(m[1]);
          if (translated.has(i)) throw new ProviderError(`apertium: segment ${i} came back twice`, { transient: true });
          translated.set(i, m[2]!);
        }
        const missing = sent.filter((p) => !translated.has(p.i));
        if (missing.length > 0) throw new ProviderError(`apertium: ${missing.length} of ${sent.length} segments did not come back`, { transient: true });
      }
      const at = new Date().toISOString();
      return request.segments.map((s, i) => ({
        id: s.id,
        text: s.text === '' ? '' : xmlCodec.encode(mergeSplitSpans(fromHtml(translated.get(i)!, shields))),
        provenance: { engine: 'apertium', model: pair, at },
        billedCharacters: s.text.length,
      }));
    },
  };
}
