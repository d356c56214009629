/**
 * Quality checks: small rules with stable ids, run per segment and per edition, producing
 * findings. A finding's `key` is an i18n key in locales/<lng>/quality.json (namespace
 * `quality`), interpolated with `args`. `fatal` blocks approval and publication until the
 * text is fixed or a reviewer overrides the finding with a recorded reason.
 */
import type { Root } from 'mdast';
import type { SegmentKind } from '../markdown/segment.ts';
import type { Placeholder } from '../markdown/tokens.ts';

export const ruleIds = [
  'structure-parity',
  'placeholders',
  'links',
  'numbers',
  'glossary',
  'untranslated',
  'machine-share',
  'bidi-controls',
  'length-ratio',
  'punctuation',
  'unknown-words',
  'quotes',
] as const;
export type RuleId = (typeof ruleIds)[number];

export type Severity = 'fatal' | 'warning';

export interface QualityFinding {
  rule: RuleId;
  severity: Severity;
  /** Absent for findings about the whole edition. */
  segmentId?: string;
  /** i18n key in the `quality` namespace, e.g. `numbers.missing`. */
  key: string;
  args: Record<string, string | number>;
  /** A suggested replacement text for the segment (canonical placeholder form), where one exists. */
  fix?: string;
}

export interface GlossaryEntry {
  term: string;
  /** True: the term must appear verbatim in the translation. */
  doNotTranslate: boolean;
  /** The preferred target term (for the target locale), if any. */
  targetText: string | null;
  /** Accepted spellings (e.g. transliterations of a name) besides `targetText`. */
  variants: string[];
}

/** One segment: its source and its translation, both in the canonical `xml` placeholder form (`<g id="1">…</g>`, `<x id="2"/>`). */
export interface SegmentCheckInput {
  segment: { id: string; kind: SegmentKind; text: string; placeholders: Placeholder[] };
  text: string;
  sourceLocale: string;
  targetLocale: string;
  glossary: readonly GlossaryEntry[];
  /** What the machine draft of the segment recorded (its provenance), where there is one. */
  machine?: { unknownWords?: readonly string[] };
}

export interface SegmentRule {
  id: RuleId;
  check(input: SegmentCheckInput): QualityFinding[];
}

/** A whole edition: the source tree and the reassembled target tree, and every segment's state. */
export interface EditionCheckInput {
  source: Root;
  target: Root;
  sourceLocale: string;
  targetLocale: string;
  /** Per-locale replacements of link and image targets: source URL → URL for this locale. */
  urlMap: Readonly<Record<string, string>>;
  segments: readonly { id: string; state: string; text: string | null; machineText: string | null }[];
}

export interface EditionRule {
  id: RuleId;
  check(input: EditionCheckInput): QualityFinding[];
}
