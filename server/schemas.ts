/** Request and response schemas of the API (zod, with OpenAPI metadata). */
import { z } from '@hono/zod-openapi';

export const Slug = z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'seed-bank-opens' });
export const Locale = z.string().openapi({ param: { name: 'locale', in: 'path' }, example: 'fr' });
export const SegmentId = z.string().openapi({ param: { name: 'segmentId', in: 'path' }, example: '3f2a9c0d1e4b' });
export const JobId = z.string().openapi({ param: { name: 'id', in: 'path' } });

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) })
  .openapi('Error');

export const CreateStatement = z
  .object({ slug: z.string(), sourceLocale: z.string(), markdown: z.string(), collection: z.string().optional() })
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
    machine: z.string().nullable(),
    text: z.string().nullable(),
    state: z.enum(['untranslated', 'machine', 'translated', 'changes_requested', 'approved', 'stale']),
    version: z.number(),
    findings: z.array(Finding),
  })
  .passthrough()
  .openapi('Segment');

export const Translation = z
  .object({ slug: z.string(), locale: z.string(), sourceLocale: z.string(), revision: z.number(), segments: z.array(Segment), findings: z.array(Finding) })
  .passthrough()
  .openapi('Translation');

export const EditSegment = z.object({ text: z.string() }).openapi('EditSegment');

export const ReviewBody = z
  .object({ decision: z.enum(['approve', 'request_changes']), segments: z.array(z.string()).optional(), comment: z.string().max(5000).optional() })
  .openapi('Review');

export const PublishBody = z
  .object({
    locales: z.array(z.string()).min(1).max(50),
    embargoUntil: z.string().optional(),
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
  .object({ name: z.string(), roles: z.array(z.object({ role: z.enum(['translator', 'reviewer', 'publisher', 'admin']), locale: z.string() })).min(1) })
  .openapi('CreateUser');

export const DraftsBody = z.object({ locales: z.array(z.string()).min(1).max(50), provider: z.string().min(1).optional() }).openapi('DraftsRequest');

export const Job = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.record(z.string(), z.object({ done: z.number(), total: z.number() }).passthrough()),
    error: z.string().optional(),
  })
  .passthrough()
  .openapi('Job');
