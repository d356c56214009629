/** What a locale's punctuation convention reports on a masked segment string (masking.ts). */
export interface PunctuationIssue {
  key: string;
  args: Record<string, string>;
  /** True when `fixed` corrects this issue. */
  fixable: boolean;
}

export interface PunctuationResult {
  issues: PunctuationIssue[];
  /** The masked text with every fixable issue corrected. */
  fixed: string;
}

export type PunctuationConvention = (masked: string, locale: string) => PunctuationResult;

/** Distinct marks in order of appearance, for a message: `« ? :`. */
export function listMarks(marks: Iterable<string>): string {
  return [...new Set(marks)].join(' ');
}
