/** A live edition (visible, not withdrawn, the newest of its statement and locale) as feeds and the static export read it. */
import type { Root } from 'mdast';
import type { CorrectionNotice, EditionProvenance } from '../types/edition.ts';

export interface LiveEdition {
  id: string;
  slug: string;
  locale: string;
  hash: string;
  sourceRevision: number;
  publishedAt: string;
  visibleFrom: string;
  markdown: string;
  mdast: Root;
  provenance: EditionProvenance | null;
  correction: CorrectionNotice | null;
  title: string;
  summary: string;
  /** Every live locale of the statement, this one included, sorted. */
  locales: string[];
  /** The statement's source language. */
  sourceLocale: string;
}
