/**
 * The machine-translation port: translate a batch of segments (text with placeholders in
 * the canonical `xml` form) from a source locale to a target locale.
 */
export interface Provenance {
  /** Engine id: `pseudo`, `apertium`, `google`, `tm`. */
  engine: string;
  /** Model or language pair, e.g. `eng|spa`. */
  model: string;
  /** ISO time of the translation. */
  at: string;
  /** True for engines that are for development and tests only. */
  development?: boolean;
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
}

export interface TranslateRequest {
  sourceLocale: string;
  targetLocale: string;
  segments: readonly SegmentRequest[];
}

export interface ProviderLimits {
  maxSegmentsPerRequest: number;
  maxCharactersPerRequest: number;
}

export interface MachineTranslationProvider {
  readonly id: string;
  /** Shown to people, e.g. "Pseudo-localisation (development only)". */
  readonly label: string;
  readonly limits: ProviderLimits;
  /** The placeholder form the engine is sent. */
  readonly placeholderForm: 'xml' | 'xliff2' | 'html';
  supports(sourceLocale: string, targetLocale: string): boolean;
  translate(request: TranslateRequest): Promise<SegmentResult[]>;
}
