/**
 * What an edition carries besides its text, stored as JSON in `editions` (parsed at the
 * store's edge, src/store/json-columns.ts) and read by operations, publishing and pages alike.
 * Plain types: this folder imports nothing.
 */
/** How a reviewer appears on readers' pages, from most to least shown. */
export type ReviewerDisplay = 'name' | 'initials' | 'role' | 'none';

export interface EditionProvenance {
  source: boolean;
  sourceRevision: number;
  segments: number;
  /** Share of segments whose text started as a machine draft. */
  machineAssistedShare: number;
  /** Share of segments published exactly as the machine wrote them. */
  unreviewedMachineShare: number;
  engines: string[];
  reviewers: string[];
  /**
   * Reviewers' own display choices at publication (by name, as in `reviewers`; those who made
   * none are absent): readers' pages show each reviewer no more than this and the site allow.
   */
  reviewerDisplays?: Record<string, ReviewerDisplay>;
  approvedAt: string | null;
  /** Quality findings published past, with who overrode them and why. */
  overrides?: { rule: string; segmentId: string | null; reason: string; by: string; at: string }[];
}

export interface Approval {
  segmentId: string;
  reviewerId: string;
  reviewer: string;
  at: string;
}

export interface CorrectionNotice {
  supersedes: string;
  at: string;
  note: string | null;
  changedSegments: number;
  /** The first changes, in document order (at most `maxChanges`). */
  changes: { before: string | null; after: string | null }[];
}
