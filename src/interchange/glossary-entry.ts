/** A glossary concept as the interchange formats (TBX, CSV) carry it: one source term and its target terms. */
export interface GlossaryTermForms {
  /** The preferred form. */
  term: string;
  /** Other accepted forms. */
  variants: string[];
}

export interface GlossaryEntry {
  /** Where the entry starts in its file (1-based line), for answers that name it. */
  line: number;
  /** The statement collection it applies to; null: every statement (`*`). */
  collection: string | null;
  source: GlossaryTermForms;
  /** None: the term must not be translated. */
  targets: (GlossaryTermForms & { locale: string })[];
  note: string | null;
}

export interface GlossaryFile {
  sourceLocale: string;
  entries: GlossaryEntry[];
}
