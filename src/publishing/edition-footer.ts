/**
 * What the provenance footer of a published edition says: where its text came from (the
 * source itself, or a translation with or without machine help), who reviewed it, when it
 * was approved and published, and, for a correction, what it replaced.
 */
import type { EditionProvenance, ReviewerDisplay } from '../types/edition.ts';

export type { ReviewerDisplay };

export interface EditionCorrection {
  /** Id of the edition this one replaces. */
  supersedes: string;
  /** ISO time of the correction. */
  at: string;
  /** The publisher's words about what changed. */
  note?: string;
  changedSegments: number;
}

export type EditionFooter = Pick<EditionProvenance, 'source' | 'sourceRevision' | 'machineAssistedShare' | 'engines' | 'reviewers' | 'approvedAt'> & {
  /** ISO time the edition was published. */
  publishedAt: string;
  correction?: EditionCorrection;
  /** With reviewers (some or all) shown by role only: how many are shown or counted (`reviewers` has those named). */
  reviewerCount?: number;
};

/** How reviewers appear on published pages (EDITIONS_REVIEWER_DISPLAY, and each person's own choice); the API and history keep full records. */
export const reviewerDisplays: readonly ReviewerDisplay[] = ['name', 'initials', 'role', 'none'];

/** `Ana María López` → `A. M. L.` (each word's first letter, whatever the script). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s\u200c-]+/u).filter(Boolean);
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return words.map((w) => `${[...segmenter.segment(w)][0]?.segment.toLocaleUpperCase() ?? ''}.`).join(' ');
}

export function isReviewerDisplay(value: unknown): value is ReviewerDisplay {
  return typeof value === 'string' && (reviewerDisplays as readonly string[]).includes(value);
}

/** The more private of two displays: a person may ask for more privacy than the site's, never less. */
export function morePrivate(a: ReviewerDisplay, b: ReviewerDisplay | undefined): ReviewerDisplay {
  return b !== undefined && reviewerDisplays.indexOf(b) > reviewerDisplays.indexOf(a) ? b : a;
}

/**
 * The reviewers as readers may see them: each by name, by initials, counted only (role) or
 * not at all (none), the more private of the site's `display` and their own choice
 * (`personal`, by name, recorded at publication). `reviewerCount` (the named and the counted)
 * is there when someone is counted without being named.
 */
export function shownReviewers(reviewers: readonly string[], display: ReviewerDisplay, personal: Readonly<Record<string, ReviewerDisplay>> = {}): { reviewers: string[]; reviewerCount?: number } {
  const shown: string[] = [];
  let counted = 0;
  for (const name of reviewers) {
    const own = Object.hasOwn(personal, name) ? personal[name] : undefined;
    switch (morePrivate(display, own)) {
      case 'name': shown.push(name); break;
      case 'initials': shown.push(initialsOf(name)); break;
      case 'role': counted += 1; break;
      case 'none': break;
    }
  }
  return counted > 0 ? { reviewers: shown, reviewerCount: shown.length + counted } : { reviewers: shown };
}

/** A published quality finding as readers see it: which rule, on which segment (not who overrode it, nor why). */
export interface PublicOverride {
  rule: string;
  segmentId: string | null;
}

type PrivateProvenance = { reviewers: string[]; reviewerDisplays?: Record<string, ReviewerDisplay>; overrides?: readonly { rule: string; segmentId: string | null }[] };

/**
 * Provenance as the public JSON carries it: reviewers as readers may see them (their choices
 * themselves are not shown); overrides (a reviewer's of a finding, the publisher's of the
 * machine-share gate) by rule and segment only, without who made them or their reasons, which
 * are internal (the API and the history keep them).
 */
export function publicProvenance<P extends PrivateProvenance>(provenance: P, display: ReviewerDisplay): Omit<P, 'reviewers' | 'reviewerDisplays' | 'overrides'> & { reviewers: string[]; reviewerCount?: number; overrides?: PublicOverride[] } {
  const { reviewers: _reviewers, reviewerDisplays: _displays, overrides: _overrides, ...copy } = provenance;
  return {
    ...copy,
    ...shownReviewers(provenance.reviewers, display, provenance.reviewerDisplays),
    ...(provenance.overrides ? { overrides: provenance.overrides.map((o) => ({ rule: o.rule, segmentId: o.segmentId })) } : {}),
  };
}

/** A correction notice as readers see it (the footer's): not the replaced edition's texts (`changes`), which may be what was withdrawn. */
export interface PublicCorrection {
  supersedes: string;
  at: string;
  note: string | null;
  changedSegments: number;
}

export function publicCorrection(correction: CorrectionInput | null | undefined): PublicCorrection | null {
  if (!correction) return null;
  return { supersedes: correction.supersedes, at: correction.at, note: correction.note ?? null, changedSegments: correction.changedSegments };
}

/** A stored correction notice (its note may be null) or the footer's own shape. */
export type CorrectionInput = Omit<EditionCorrection, 'note'> & { note?: string | null };

/** `reviewerDisplay`: `role` (the default) unless said otherwise. */
export function footerFrom(provenance: EditionProvenance, at: { publishedAt: string; correction?: CorrectionInput | null; reviewerDisplay?: ReviewerDisplay }): EditionFooter {
  const footer: EditionFooter = {
    source: provenance.source,
    sourceRevision: provenance.sourceRevision,
    machineAssistedShare: provenance.machineAssistedShare,
    engines: [...provenance.engines],
    ...shownReviewers(provenance.reviewers, at.reviewerDisplay ?? 'role', provenance.reviewerDisplays),
    approvedAt: provenance.approvedAt,
    publishedAt: at.publishedAt,
  };
  const c = at.correction;
  if (c) {
    footer.correction = { supersedes: c.supersedes, at: c.at, changedSegments: c.changedSegments };
    if (c.note) footer.correction.note = c.note;
  }
  return footer;
}
