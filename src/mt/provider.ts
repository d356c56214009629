/**
 * The machine-translation port: translate a batch of segments (text with placeholders in
 * the canonical `xml` form) from a source locale to a target locale. Every provider passes
 * one contract suite (tests/mt/provider.contract.ts).
 */
import { DomainError } from '../errors.ts';

/** The typed refusal of a pair a provider does not serve. */
export function unsupportedPair(provider: string, source: string, target: string): DomainError {
  return new DomainError('provider_unsupported_pair', `${provider} does not translate ${source} to ${target}`, { provider, source, target });
}

export interface Provenance {
  /** Engine id: `pseudo`, `apertium`, `google`, or `tm` for translation memory. */
  engine: string;
  /** Model or language pair, e.g. `eng|spa`, `nmt`; for `tm` the origin of the entry. */
  model: string;
  /** ISO time of the translation. */
  at: string;
  /** True for engines that are for development and tests only. */
  development?: boolean;
  /**
   * Words the engine could not translate and left as they were (Apertium's `*` and `@`
   * marks, stripped from the text), in order of appearance; absent when none.
   */
  unknownWords?: string[];
}

export interface SegmentRequest {
  id: string;
  text: string;
}

export interface SegmentResult {
  id: string;
  text: string;
  provenance: Provenance;
  billedCharacters: number;
  /** Tokens the engine counted for this segment's share of its request (the `llm` provider); absent for engines that bill characters only. */
  tokens?: { prompt: number; completion: number };
}

/** What a context-reading engine (the `llm` provider) is told besides the segments; others ignore it. */
export interface TranslationContext {
  /** The statement's title. */
  title?: string;
  /** Glossary terms for the pair: a required translation (`target`), or do-not-translate. */
  terms?: readonly { term: string; target?: string; doNotTranslate: boolean }[];
}

export interface TranslateRequest {
  sourceLocale: string;
  targetLocale: string;
  segments: readonly SegmentRequest[];
  /** A glossary resource the engine knows (Google's glossaryConfig), where configured. */
  glossary?: string;
  /** The statement's title and glossary terms, for engines that read context. */
  context?: TranslationContext;
}

export interface ProviderLimits {
  maxSegmentsPerRequest: number;
  maxCharactersPerRequest: number;
  /** Requests in flight at once, across locales. */
  concurrency: number;
}

export type Availability = { available: true } | { available: false; reason: string };

export interface MachineTranslationProvider {
  readonly id: string;
  /** Shown to people, e.g. "Pseudo-localisation (development and tests only)". */
  readonly label: string;
  /** Development and tests only: never chosen by routing, only by name. */
  readonly development: boolean;
  readonly limits: ProviderLimits;
  /** The placeholder form the engine is sent (each provider converts to it and back). */
  readonly placeholderForm: 'xml' | 'html';
  availability(): Promise<Availability>;
  supports(sourceLocale: string, targetLocale: string): boolean;
  /**
   * Results in the order of the request. Throws DomainError `provider_unsupported_pair`,
   * or ProviderError (transient or not) when the engine fails.
   */
  translate(request: TranslateRequest): Promise<SegmentResult[]>;
  /** The account's use this billing period, where the engine reports it (DeepL's `/v2/usage`): for the start-up log. */
  usage?(): Promise<ProviderUsage>;
}

/** An engine account's use this billing period. */
export interface ProviderUsage {
  unit: 'characters' | 'tokens';
  used: number;
  /** The period's limit; null: none. */
  limit: number | null;
}
