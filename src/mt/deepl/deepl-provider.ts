/**
 * DeepL through its official client `deepl-node` (`Translator`, API v2). Segments go with
 * `tag_handling=xml`: the canonical placeholders (`<g id="1">…</g>`, `<x id="2"/>`) are XML
 * elements DeepL keeps and moves with their words (`g` and `x` as non-splitting tags). At
 * most 50 texts a request (DeepL's limit) and 10,000 characters (its request body is at most
 * 128 KiB, form-encoded). Formality (EDITIONS_DEEPL_FORMALITY) is sent where the target
 * language has it. Preferred renderings of the Editions glossary become a DeepL glossary per
 * language pair (./glossaries.ts). Free keys (ending `:fx`) reach the free endpoint, others
 * the paid one (the client decides); EDITIONS_DEEPL_SERVER_URL points elsewhere (the tests'
 * server). Without a key the provider reports itself unavailable and never calls the client.
 *
 * The client's own retries are off (`maxRetries: 0`): Editions retries (src/mt/retry.ts) and
 * counts. Each call is raced against EDITIONS_MT_TIMEOUT_MS besides the client's timeout.
 */
import { Translator, type Formality, type SourceLanguageCode, type TargetLanguageCode, type TextResult } from 'deepl-node';
import { xmlCodec } from '../../markdown/placeholder-codec.ts';
import { unsupportedPair, type Availability, type MachineTranslationProvider, type ProviderUsage, type SegmentResult, type TranslateRequest } from '../provider.ts';
import { ProviderError } from '../retry.ts';
import { classifyDeepLError } from './classify-error.ts';
import { DeepLGlossaries } from './glossaries.ts';
import { deeplLanguages, deeplPrimary, deeplSourceCode, deeplTargetCode } from './languages.ts';

export type DeepLFormality = 'default' | 'more' | 'less' | 'prefer_more' | 'prefer_less';

export interface DeepLOptions {
  /** DEEPL_AUTH_KEY; undefined: the provider is unavailable. */
  authKey: string | undefined;
  /** Another endpoint (the tests' server); default: DeepL's free or paid API by the key. */
  serverUrl?: string;
  formality: DeepLFormality;
  timeoutMs: number;
  concurrency?: number;
}

/** Languages with formality in DeepL's documented list, until the account's list is read. */
const formalLanguages = new Set(['de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'ru']);

export function createDeepLProvider(options: DeepLOptions): MachineTranslationProvider & { usage(): Promise<ProviderUsage> } {
  let client: Translator | undefined;
  const getClient = () =>
    (client ??= new Translator(options.authKey!, {
      maxRetries: 0,
      minTimeout: options.timeoutMs,
      sendPlatformInfo: false,
      appInfo: { appName: 'editions', appVersion: '1' },
      ...(options.serverUrl ? { serverUrl: options.serverUrl.replace(/\/+$/, '') } : {}),
    }));
  const glossaries = new DeepLGlossaries(getClient);
  /** The account's languages once read: primary source codes, primary target codes with formality. */
  let languages: { sources: Set<string>; targets: Map<string, boolean> } | undefined;
  let refused: string | undefined;
  /** When reading the languages last failed: not tried again for a minute. */
  let failedAt = -Infinity;

  /** Account metadata (languages, usage) is waited for at most 5 s: the start-up log and routing do not hang on it. */
  const metadataMs = Math.min(options.timeoutMs, 5000);
  const withTimeout = async <T>(what: string, call: Promise<T>, ms = options.timeoutMs): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProviderError(`deepl: no answer in ${ms} ms (${what})`, { transient: true })), ms);
    });
    try {
      return await Promise.race([call, timeout]);
    } catch (error) {
      throw classifyDeepLError(error);
    } finally {
      clearTimeout(timer);
    }
  };

  const readLanguages = async () => {
    if (languages || refused || !options.authKey || Date.now() - failedAt < 60_000) return;
    try {
      const [sources, targets] = await withTimeout('languages', Promise.all([getClient().getSourceLanguages(), getClient().getTargetLanguages()]), metadataMs);
      languages = {
        sources: new Set(sources.map((l) => deeplPrimary(l.code))),
        targets: new Map(targets.map((l) => [deeplPrimary(l.code), l.supportsFormality === true])),
      };
    } catch (error) {
      const e = error as ProviderError;
      failedAt = Date.now();
      // A refused key makes the engine unavailable; anything else: the documented list serves until the next try.
      if (!e.transient && (e.status === 403 || e.status === 401)) refused = `DeepL refused the key (${e.status})`;
    }
  };

  const availability = async (): Promise<Availability> => {
    if (!options.authKey) return { available: false, reason: 'no DeepL key (set DEEPL_AUTH_KEY)' };
    await readLanguages();
    return refused ? { available: false, reason: refused } : { available: true };
  };

  const servesSource = (locale: string) => (languages ? languages.sources : deeplLanguages).has(deeplPrimary(locale));
  const servesTarget = (locale: string) => (languages ? languages.targets.has(deeplPrimary(locale)) : deeplLanguages.has(deeplPrimary(locale)));
  const hasFormality = (locale: string) => languages?.targets.get(deeplPrimary(locale)) ?? formalLanguages.has(deeplPrimary(locale));

  return {
    id: 'deepl',
    label: 'DeepL (API v2)',
    development: false,
    limits: { maxSegmentsPerRequest: 50, maxCharactersPerRequest: 10_000, concurrency: options.concurrency ?? 8 },
    placeholderForm: 'xml',
    availability,
    supports: (source, target) => servesSource(source) && servesTarget(target) && deeplPrimary(source) !== deeplPrimary(target),
    async translate(request: TranslateRequest): Promise<SegmentResult[]> {
      if (!this.supports(request.sourceLocale, request.targetLocale)) throw unsupportedPair('deepl', request.sourceLocale, request.targetLocale);
      const a = await availability();
      if (!a.available) throw new ProviderError(`deepl: ${a.reason}`, { transient: false, ...(refused ? { status: 403 } : {}) });
      const source = deeplSourceCode(request.sourceLocale);
      const target = deeplTargetCode(request.targetLocale);
      const at = new Date().toISOString();
      // DeepL refuses empty texts: they come back empty without being sent.
      const sent = request.segments.flatMap((s, i) => (s.text === '' ? [] : [i]));
      const translated = new Map<number, TextResult>();
      let glossary: { id: string; name: string } | undefined;
      if (sent.length > 0) {
        const entries = (request.context?.terms ?? []).flatMap((t) => (!t.doNotTranslate && t.target ? [{ source: t.term, target: t.target }] : []));
        glossary = entries.length > 0 ? await withTimeout('glossary', glossaries.idFor(source, deeplPrimary(target), entries)) : undefined;
        const formality = options.formality !== 'default' && hasFormality(request.targetLocale) ? (options.formality as Formality) : undefined;
        let results: TextResult[];
        try {
          results = await withTimeout(
            'translate',
            getClient().translateText(
              sent.map((i) => request.segments[i]!.text),
              source as SourceLanguageCode,
              target as TargetLanguageCode,
              { tagHandling: 'xml', nonSplittingTags: ['g', 'x'], ...(formality ? { formality } : {}), ...(glossary ? { glossary: glossary.id } : {}) },
            ),
          );
        } catch (error) {
          // The glossary was deleted meanwhile (another instance replaced it): found or made again on the retry.
          if (glossary && error instanceof ProviderError && error.status === 404) {
            glossaries.forget(glossary.name);
            throw new ProviderError(`deepl: glossary ${glossary.id} not found: ${error.message}`, { transient: true, status: 404, cause: error });
          }
          throw error;
        }
        if (!Array.isArray(results) || results.length !== sent.length) {
          throw new ProviderError(`deepl: ${Array.isArray(results) ? results.length : 'no'} translations for ${sent.length} texts`, { transient: true });
        }
        for (const [k, i] of sent.entries()) translated.set(i, results[k]!);
      }
      return request.segments.map((s, i) => {
        const t = translated.get(i);
        if (!t) return { id: s.id, text: '', provenance: { engine: 'deepl', model: 'v2', at }, billedCharacters: 0 };
        if (typeof t.text !== 'string') throw new ProviderError('deepl: a translation without text', { transient: true });
        const { tokens } = xmlCodec.decode(t.text);
        return {
          id: s.id,
          text: xmlCodec.encode(tokens),
          provenance: { engine: 'deepl', model: `${t.modelTypeUsed ?? 'v2'}${glossary ? '+glossary' : ''}`, at },
          billedCharacters: typeof t.billedCharacters === 'number' ? t.billedCharacters : s.text.length,
        };
      });
    },
    async usage(): Promise<ProviderUsage> {
      if (!options.authKey) throw new ProviderError('deepl: no DeepL key (set DEEPL_AUTH_KEY)', { transient: false });
      const u = await withTimeout('usage', getClient().getUsage(), metadataMs);
      return { unit: 'characters', used: u.character?.count ?? 0, limit: u.character?.limit ?? null };
    },
  };
}
