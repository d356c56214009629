/**
 * Google Cloud Translation v3 through the real `@google-cloud/translate` client, REST
 * transport. Segments go as HTML (`mimeType: text/html`): paired placeholders as
 * `<g id="n">…</g>` and standalone ones as `<x id="n"></x>`, elements Google keeps in place
 * and moves with their words. At most 1024 segments and 30,000 characters a request.
 * Credentials come only from the standard Google environment (a service-account key in
 * GOOGLE_APPLICATION_CREDENTIALS, or the metadata server when allowed); with none the
 * provider reports itself unavailable and never calls the client.
 */
import { TranslationServiceClient } from '@google-cloud/translate';
import type { AuthClient } from 'google-auth-library';
import { xmlCodec } from '../../markdown/placeholder-codec.ts';
import { unsupportedPair, type Availability, type MachineTranslationProvider, type SegmentResult, type TranslateRequest } from '../provider.ts';
import { ProviderError } from '../retry.ts';
import { classifyGoogleError } from './classify-error.ts';
import { googleCode, googleServes } from './languages.ts';

export interface GoogleOptions {
  projectId: string | undefined;
  location: string;
  /** `http://127.0.0.1:9999` for an emulator or a test server; default Google's endpoint. */
  endpoint?: string;
  /** Tests: an auth client holding a token. Otherwise the standard Google environment. */
  authClient?: AuthClient;
  /** How credentials were found; undefined: none. */
  credentials: 'key-file' | 'metadata' | 'auth-client' | undefined;
  /** Glossary resource per target locale (glossaryConfig). */
  glossaries?: ReadonlyMap<string, string>;
  timeoutMs: number;
  concurrency?: number;
}

/** The HTML Google is sent: the canonical form with standalone placeholders as empty elements. */
export function toGoogleHtml(text: string): string {
  return text.replace(/<x id="(\d+)"\/>/g, '<x id="$1"></x>');
}

export function createGoogleProvider(options: GoogleOptions): MachineTranslationProvider {
  let client: TranslationServiceClient | undefined;
  const getClient = () => {
    if (!client) {
      const endpoint = options.endpoint ? new URL(options.endpoint) : undefined;
      client = new TranslationServiceClient({
        fallback: true,
        ...(endpoint
          ? { apiEndpoint: endpoint.hostname, port: Number(endpoint.port || (endpoint.protocol === 'http:' ? 80 : 443)), protocol: endpoint.protocol.replace(':', '') }
          : {}),
        ...(options.authClient ? { authClient: options.authClient } : {}),
        ...(options.projectId ? { projectId: options.projectId } : {}),
      });
    }
    return client;
  };

  const availability = async (): Promise<Availability> => {
    if (!options.credentials) return { available: false, reason: 'no Google credentials (set GOOGLE_APPLICATION_CREDENTIALS)' };
    if (!options.projectId) return { available: false, reason: 'no Google project (set GOOGLE_CLOUD_PROJECT)' };
    return { available: true };
  };

  return {
    id: 'google',
    label: 'Google Cloud Translation (v3)',
    development: false,
    limits: { maxSegmentsPerRequest: 1024, maxCharactersPerRequest: 30_000, concurrency: options.concurrency ?? 4 },
    placeholderForm: 'html',
    availability,
    supports: (source, target) => googleServes(source) && googleServes(target) && source.split('-')[0] !== target.split('-')[0],
    async translate(request: TranslateRequest): Promise<SegmentResult[]> {
      if (!this.supports(request.sourceLocale, request.targetLocale)) {
        throw unsupportedPair('google', request.sourceLocale, request.targetLocale);
      }
      const a = await availability();
      if (!a.available) throw new ProviderError(`google: ${a.reason}`, { transient: false });
      const contents = request.segments.map((s) => toGoogleHtml(s.text));
      const glossary = request.glossary ?? options.glossaries?.get(request.targetLocale);
      const call = getClient().translateText(
        {
          parent: `projects/${options.projectId}/locations/${options.location}`,
          contents,
          mimeType: 'text/html',
          sourceLanguageCode: googleCode(request.sourceLocale),
          targetLanguageCode: googleCode(request.targetLocale),
          ...(glossary ? { glossaryConfig: { glossary } } : {}),
        },
        { retry: null },
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ProviderError(`google: no answer in ${options.timeoutMs} ms`, { transient: true })), options.timeoutMs);
      });
      let response;
      try {
        [response] = await Promise.race([call, timeout]);
      } catch (error) {
        throw error instanceof ProviderError ? error : classifyGoogleError(error);
      } finally {
        clearTimeout(timer);
      }
      const translations = glossary && response.glossaryTranslations?.length ? response.glossaryTranslations : (response.translations ?? []);
      if (translations.length !== request.segments.length) {
        throw new ProviderError(`google: ${translations.length} translations for ${request.segments.length} segments`, { transient: true });
      }
      const at = new Date().toISOString();
      return request.segments.map((s, i) => {
        const t = translations[i]!;
        const { tokens } = xmlCodec.decode(t.translatedText ?? '');
        return {
          id: s.id,
          text: xmlCodec.encode(tokens),
          provenance: { engine: 'google', model: t.model || (glossary ? `nmt+glossary` : 'nmt'), at },
          billedCharacters: contents[i]!.length,
        };
      });
    },
  };
}
