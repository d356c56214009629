/**
 * The JSON columns and the schema each is read back with. They are text in every dialect
 * (migrations 0001…: portable types only; PostgreSQL's columns are text too, not jsonb), so
 * the text is parsed here, at the store's edge, and checked with zod instead of cast: a row
 * that does not match is a bug (or a damaged database) and fails loudly, naming the column.
 * Objects are loose (keys the schema does not name are kept, as before), so reading changes
 * nothing that was stored. Each schema `satisfies` the type the code uses, so the two cannot
 * drift apart. Not here: `mdast` (the parser's own tree, large, read by the Markdown core) and
 * `webhook_deliveries.payload` (sent as it is, read back as `unknown`).
 */
import { z } from 'zod';
import type { Placeholder, PlaceholderKind, SegmentKind } from '../markdown/index.ts';
import type { Provenance } from '../mt/provider.ts';
import type { Approval, CorrectionNotice, EditionProvenance } from '../types/edition.ts';
import type { StoredSegment } from './queries/statements.ts';

const segmentKind = z.enum(['heading', 'paragraph', 'tableCell', 'alt', 'title', 'frontmatter']) satisfies z.ZodType<SegmentKind>;
const placeholder = z.looseObject({
  id: z.number(),
  kind: z.custom<PlaceholderKind>((v) => typeof v === 'string'),
  paired: z.boolean(),
  display: z.string().optional(),
}) satisfies z.ZodType<Placeholder>;
const storedSegment = z.looseObject({ id: z.string(), kind: segmentKind, path: z.string(), text: z.string(), placeholders: z.array(placeholder) }) satisfies z.ZodType<StoredSegment>;

const machineProvenance = z.looseObject({
  engine: z.string(),
  model: z.string(),
  at: z.string(),
  development: z.boolean().optional(),
  unknownWords: z.array(z.string()).optional(),
}) satisfies z.ZodType<Provenance>;

const approval = z.looseObject({ segmentId: z.string(), reviewerId: z.string(), reviewer: z.string(), at: z.string() }) satisfies z.ZodType<Approval>;

const editionProvenance = z.looseObject({
  source: z.boolean(),
  sourceRevision: z.number(),
  segments: z.number(),
  machineAssistedShare: z.number(),
  unreviewedMachineShare: z.number(),
  engines: z.array(z.string()),
  reviewers: z.array(z.string()),
  reviewerDisplays: z.record(z.string(), z.enum(['name', 'initials', 'role', 'none'])).optional(),
  approvedAt: z.string().nullable(),
  overrides: z.array(z.looseObject({ rule: z.string(), segmentId: z.string().nullable(), reason: z.string(), by: z.string(), at: z.string() })).optional(),
}) satisfies z.ZodType<EditionProvenance>;

const correctionNotice = z.looseObject({
  supersedes: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  changedSegments: z.number(),
  changes: z.array(z.looseObject({ before: z.string().nullable(), after: z.string().nullable() })),
}) satisfies z.ZodType<CorrectionNotice>;

/** Every JSON column of src/store/schema.ts that the code reads back, by `table.column`. */
export const jsonColumns = {
  'source_revisions.segments': z.array(storedSegment),
  /** Also segment_history.machine_provenance. */
  'translation_segments.machine_provenance': machineProvenance,
  'editions.approvals': z.array(approval),
  'editions.provenance': editionProvenance,
  'editions.correction': correctionNotice,
  'glossary_terms.variants': z.array(z.string()),
  /** Event types; the operations narrow them to the known ones (src/webhooks/events.ts). */
  'webhooks.events': z.array(z.string()),
};

export type JsonColumn = keyof typeof jsonColumns;
export type JsonValue<C extends JsonColumn> = z.output<(typeof jsonColumns)[C]>;

/** The value stored in a JSON column, checked against the column's schema. */
export function readJson<C extends JsonColumn>(column: C, text: string): JsonValue<C> {
  const parsed = jsonColumns[column].safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${column}: the stored JSON does not match its schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data as JsonValue<C>;
}

/** readJson for a nullable column: null stays null. */
export function readJsonOrNull<C extends JsonColumn>(column: C, text: string | null): JsonValue<C> | null {
  return text === null ? null : readJson(column, text);
}
