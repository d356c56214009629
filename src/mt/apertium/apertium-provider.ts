/**
 * Apertium, the offline engine, through APy's /translateDoc: the segments of a batch go as
 * one HTML document, a <p data-id> each, so transfuse moves inline tags with their words.
 * How a segment is written and read back (placeholders, shields, quotation spans, protected
 * terms as known names, Apertium's unknown-word marks): apertium-html.ts. Unknown words
 * are asked to be marked (markUnknown=yes), stripped, and returned in the provenance.
 * Every segment must come back (count and ids): a 200 alone is never trusted. A segment
 * whose quotation spans or protected-term stand-ins did not come back whole is sent once
 * more in the plain form.
 */
import { xmlCodec } from '../../markdown/placeholder-codec.ts';
import type { Token } from '../../markdown/tokens.ts';
import { unsupportedPair, type Availability, type MachineTranslationProvider, type SegmentResult, type TranslateRequest } from '../provider.ts';
import { ProviderError } from '../retry.ts';
import { render, type HtmlForm } from './apertium-html.ts';

/** BCP 47 → Apertium's codes. */
const codes: Record<string, string> = {
  en: 'eng', es: 'spa', ca: 'cat', 'ca-valencia': 'cat_valencia', gl: 'glg', eo: 'epo',
  hr: 'hbs_HR', sr: 'hbs_SR', bs: 'hbs_BS', sh: 'hbs', pt: 'por', fr: 'fra', it: 'ita', oc: 'oci', eu: 'eus',
};

export function apertiumCode(locale: string): string | undefined {
  const lower = locale.toLowerCase();
  return codes[lower] ?? codes[lower.split('-')[0]!];
}

export { toHtml } from './apertium-html.ts';

export interface ApertiumOptions {
  url: string;
  timeoutMs: number;
  concurrency?: number;
  /** The first form segments are sent in (default `rich`); `plain` is the form before quotation spans and name stand-ins, for benchmarks. */
  form?: HtmlForm;
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
      const translateDoc = async (paragraphs: readonly { i: number; html: string }[]): Promise<Map<number, string>> => {
        const translated = new Map<number, string>();
        if (paragraphs.length === 0) return translated;
        const doc = `<html><body>\n${paragraphs.map((p) => `<p data-id="${p.i}">${p.html}</p>`).join('\n')}\n</body></html>\n`;
        const form = new FormData();
        form.set('langpair', pair);
        form.set('markUnknown', 'yes');
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
        const missing = paragraphs.filter((p) => !translated.has(p.i));
        if (missing.length > 0) throw new ProviderError(`apertium: ${missing.length} of ${paragraphs.length} segments did not come back`, { transient: true });
        return translated;
      };
      const answers = new Map<number, { tokens: Token[]; unknownWords: string[] }>();
      const attempt = async (indices: readonly number[], htmlForm: HtmlForm): Promise<number[]> => {
        const rendered = indices.map((i) => ({ i, r: render(xmlCodec.decode(request.segments[i]!.text).tokens, new Map(), htmlForm) }));
        const back = await translateDoc(rendered.map(({ i, r }) => ({ i, html: r.html })));
        const failed: number[] = [];
        for (const { i, r } of rendered) {
          const read = r.read(back.get(i)!);
          answers.set(i, read);
          if (!read.ok) failed.push(i);
        }
        return failed;
      };
      const sent = request.segments.flatMap((s, i) => (s.text === '' ? [] : [i]));
      const again = await attempt(sent, options.form ?? 'rich');
      if (again.length > 0 && options.form !== 'plain') await attempt(again, 'plain');
      const at = new Date().toISOString();
      return request.segments.map((s, i) => {
        const answer = answers.get(i);
        return {
          id: s.id,
          text: answer ? xmlCodec.encode(answer.tokens) : '',
          provenance: { engine: 'apertium', model: pair, at, ...(answer && answer.unknownWords.length > 0 ? { unknownWords: answer.unknownWords } : {}) },
          billedCharacters: s.text.length,
        };
      });
    },
  };
}
