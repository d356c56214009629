/**
 * What the provenance footer of a published edition says: where its text came from (the
 * source itself, or a translation with or without machine help), who reviewed it, when it
 * was approved and published, and, for a correction, what it replaced.
 */
import type { EditionProvenance } from '../operations/publish.ts';

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
};

/** A stored correction notice (its note may be null) or the footer's own shape. */
export type CorrectionInput = Omit<EditionCorrection, 'note'> & { note?: string | null };

export function footerFrom(provenance: EditionProvenance, at: { publishedAt: string; correction?: CorrectionInput | null }): EditionFooter {
  const footer: EditionFooter = {
    source: provenance.source,
    sourceRevision: provenance.sourceRevision,
    machineAssistedShare: provenance.machineAssistedShare,
    engines: [...provenance.engines],
    reviewers: [...provenance.reviewers],
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
