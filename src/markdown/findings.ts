/**
 * Findings of reassembly: typed, naming the segment and placeholder, never thrown.
 * Codes are stable and double as i18n keys (`findings.<code>`).
 */
export type FindingCode =
  | 'translation-missing'
  | 'translation-empty'
  | 'placeholder-missing'
  | 'placeholder-duplicated'
  | 'placeholder-unknown'
  | 'placeholder-kind'
  | 'placeholder-nesting'
  | 'placeholder-unclosed'
  | 'placeholder-stray-close';

export interface Finding {
  code: FindingCode;
  segmentId: string;
  placeholderId?: number;
  /** True when the segment fell back to its source text because of this finding. */
  usedSource: boolean;
}
