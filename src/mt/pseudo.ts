/**
 * Pseudo-localisation, for development and tests only (labelled `pseudo` in provenance):
 * accented letters, about 30% longer, wrapped in brackets. It shows that every translatable
 * text is reached and that nothing else changes.
 */
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import type { Token } from '../markdown/tokens.ts';
import { unsupportedPair, type MachineTranslationProvider, type SegmentResult, type TranslateRequest } from './provider.ts';

const accents: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Accents every ASCII letter; digits, punctuation and white space stay. */
export function accentText(value: string): string {
  return value.replace(/[A-Za-z]/g, (ch) => accents[ch] ?? ch);
}

/**
 * Pseudo-localises the text runs of a token list; placeholders stay where they are. The
 * brackets go inside the first and last text runs, so no text appears where the source
 * had none.
 */
export function pseudoTokens(tokens: readonly Token[]): Token[] {
  const letters = tokens.reduce((n, t) => n + (t.type === 'text' ? t.value.replace(/\s/g, '').length : 0), 0);
  const padding = '·'.repeat(Math.max(1, Math.round(letters * 0.3)));
  const out: Token[] = tokens.map((t) => (t.type === 'text' ? { type: 'text', value: accentText(t.value) } : { ...t }));
  const texts = out.filter((t): t is Extract<Token, { type: 'text' }> => t.type === 'text');
  const first = texts[0];
  const last = texts[texts.length - 1];
  if (!first || !last) return out;
  first.value = first.value.replace(/^\s*/, (ws) => `${ws}[`);
  last.value = last.value.replace(/\s*$/, (ws) => ` ${padding}]${ws}`);
  return out;
}

export function pseudoText(text: string): string {
  return xmlCodec.encode(pseudoTokens(xmlCodec.decode(text).tokens));
}

export function createPseudoProvider(now: () => Date = () => new Date()): MachineTranslationProvider {
  return {
    id: 'pseudo',
    label: 'Pseudo-localisation (development and tests only)',
    development: true,
    limits: { maxSegmentsPerRequest: 10_000, maxCharactersPerRequest: 10_000_000, concurrency: 4 },
    placeholderForm: 'xml',
    availability: async () => ({ available: true }),
    supports: (source, target) => source !== target,
    async translate(request: TranslateRequest): Promise<SegmentResult[]> {
      if (!this.supports(request.sourceLocale, request.targetLocale)) {
        throw unsupportedPair('pseudo', request.sourceLocale, request.targetLocale);
      }
      const at = now().toISOString();
      return request.segments.map((s) => ({
        id: s.id,
        text: pseudoText(s.text),
        provenance: { engine: 'pseudo', model: `pseudo-${request.targetLocale}`, at, development: true },
        billedCharacters: s.text.length,
      }));
    },
  };
}
