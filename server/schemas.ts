/** Request and response schemas of the API (zod, with OpenAPI metadata). */
import { z } from '@hono/zod-openapi';
import { userBounds } from '../src/operations/users.ts';

/**
 * Bounds of what a request may carry (validation_failed past them): identifiers and language
 * tags are short; lists and maps are bounded so that no request makes unbounded work.
 * Bounds that are domain rules (a user's roles, a locale's link targets) live in their
 * operation and are used here.
 */
export const bounds = {
  /** A slug, a collection name. */
  name: 200,
  /** A segment, job, edition or webhook id. */
  id: 100,
  /** A BCP 47 language tag (the locale part of a path may carry a suffix: `fr.xlf`). */
  tag: 100,
  /** Segment ids in one review (a statement has fewer segments than this). */
  segments: 20_000,
} as const;

/** A record of at most `max` entries (zod's records have no size bound of their own). */
export function boundedRecord<V extends z.ZodType>(key: z.ZodString, value: V, max: number) {
  return z.record(key, value).superRefine((record, ctx) => {
    const size = Object.keys(record).length;
    if (size > max) ctx.addIssue({ code: 'custom', input: undefined, params: { problem: 'too_many_entries', maximum: max, size } });
  });
}

export const Slug = z.string().max(bounds.name).openapi({ param: { name: 'slug', in: 'path' }, example: 'seed-bank-opens' });
export const Locale = z.string().max(bounds.tag).openapi({ param: { name: 'locale', in: 'path' }, example: 'fr' });
export const SegmentId = z.string().max(bounds.id).openapi({ param: { name: 'segmentId', in: 'path' }, example: '3f2a9c0d1e4b' });
export const JobId = z.string().max(bounds.id).openapi({ param: { name: 'id', in: 'path' } });

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) })
  .openapi('Error');

export const CreateStatement = z
  .object({ slug: z.string().max(bounds.name), sourceLocale: z.string().max(bounds.tag), markdown: z.string(), collection: z.string().max(bounds.name).optional() })
  .openapi('CreateStatement');

export const ReviseSource = z.object({ markdown: z.string() }).openapi('ReviseSource');

export const Progress = z.record(z.string(), z.object({ total: z.number(), published: z.boolean() }).passthrough());

export const StatementSummary = z
  .object({ slug: z.string(), title: z.string().nullable(), sourceLocale: z.string(), revision: z.number(), createdAt: z.string(), updatedAt: z.string(), locales: Progress })
  .openapi('StatementSummary');

export const StatementList = z
  .object({ total: z.number(), limit: z.number(), offset: z.number(), nextCursor: z.string().nullable(), statements: z.array(StatementSummary) })
  .openapi('StatementList');

export const Statement = StatementSummary.extend({ markdown: z.string(), contentHash: z.string(), collection: z.string().nullable(), segments: z.array(z.unknown()) }).openapi('Statement');

export const Finding = z
  .object({
    rule: z.string(),
    severity: z.enum(['fatal', 'warning']),
    segmentId: z.string().optional(),
    key: z.string(),
    args: z.record(z.string(), z.union([z.string(), z.number()])),
    message: z.string().optional(),
    fix: z.string().optional(),
    overridden: z.object({ reason: z.string(), by: z.string(), at: z.string() }).optional(),
  })
  .openapi('Finding');

export const Segment = z
  .object({
    id: z.string(),
    kind: z.string(),
    source: z.string(),
    previousSource: z.string().nullable().openapi({ description: 'Stale segments: the source text the kept text was written for' }),
    machine: z.string().nullable(),
    text: z.string().nullable(),
    state: z.enum(['untranslated', 'machine', 'translated', 'changes_requested', 'approved', 'stale']),
    version: z.number(),
    findings: z.array(Finding),
  })
  .passthrough()
  .openapi('Segment');

export const Translation = z
  .object({
    slug: z.string(),
    locale: z.string(),
    sourceLocale: z.string(),
    revision: z.number(),
    total: z.number().openapi({ description: 'Segments in the locale' }),
    limit: z.number(),
    offset: z.number(),
    nextCursor: z.string().nullable().openapi({ description: 'The next page’s cursor; null on the last page' }),
    states: z.record(z.string(), z.number()).openapi({ description: 'Segments of the whole locale in each state' }),
    tag: z.string().openapi({ description: 'Names the whole locale’s texts (revision, sum and count of versions)' }),
    segments: z.array(Segment),
    findings: z.array(Finding),
  })
  .passthrough()
  .openapi('Translation');

export const EditSegment = z.object({ text: z.string() }).openapi('EditSegment');

export const ReviewBody = z
  .object({
    decision: z.enum(['approve', 'request_changes']),
    /** The segments decided; none: the whole locale. */
    segments: z.array(z.string().max(bounds.id)).max(bounds.segments).optional(),
    /** The version of each segment as the reviewer read it (segment id → version): required to approve, unless If-Match carries the translation's ETag. */
    versions: boundedRecord(z.string().max(bounds.id), z.number().int().nonnegative(), bounds.segments).optional(),
    comment: z.string().max(5000).optional(),
  })
  .openapi('Review');

/** A comment in a translation's threads (issue 16): `segmentId` names its segment; absent or null, the general thread. */
export const CommentBody = z.object({ segmentId: z.string().max(bounds.id).nullable().optional(), text: z.string().trim().min(1).max(5000) }).openapi('CommentRequest');

export const Comment = z
  .object({
    id: z.string(),
    segmentId: z.string().nullable(),
    kind: z.enum(['comment', 'request_changes']),
    text: z.string(),
    author: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    revision: z.number(),
    at: z.string(),
  })
  .openapi('Comment');

export const CommentThreads = z
  .object({ locale: z.string(), general: z.array(Comment), segments: z.record(z.string(), z.array(Comment)), total: z.number() })
  .openapi('CommentThreads');

export const PublishBody = z
  .object({
    locales: z.array(z.string().max(bounds.tag)).min(1).max(50),
    embargoUntil: z.string().max(100).optional(),
    correctionNote: z.string().max(2000).optional(),
    override: z.object({ reason: z.string().trim().min(1).max(2000) }).optional(),
  })
  .openapi('Publish');

export const WithdrawBody = z.object({ reason: z.string().trim().min(1).max(2000) }).openapi('Withdraw');

export const Edition = z
  .object({ id: z.string(), slug: z.string(), locale: z.string(), hash: z.string(), sourceRevision: z.number(), publishedAt: z.string(), provenance: z.unknown() })
  .passthrough()
  .openapi('Edition');

export const CreateUser = z
  .object({
    name: z.string().max(userBounds.name),
    roles: z.array(z.object({ role: z.enum(['translator', 'reviewer', 'publisher', 'admin']), locale: z.string().max(bounds.tag) })).min(1).max(userBounds.roles),
  })
  .openapi('CreateUser');

export const DraftsBody = z.object({ locales: z.array(z.string().max(bounds.tag)).min(1).max(50), provider: z.string().min(1).max(50).optional() }).openapi('DraftsRequest');

export const Job = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'waiting']),
    progress: z.record(z.string(), z.object({ done: z.number(), total: z.number() }).passthrough()),
    error: z.string().optional(),
  })
  .passthrough()
  .openapi('Job');
