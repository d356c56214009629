/**
 * The database schema as Kysely sees it. One schema for every dialect: ids are text
 * (UUIDs), times are ISO 8601 text, JSON is text, booleans are integers (0/1).
 */
import type { ColumnType, Generated } from 'kysely';
import type { SegmentState } from '../workflow/transitions.ts';


export interface UsersTable {
  id: string;
  name: string;
  created_at: string;
  /** Set when an admin revokes the user (migration 0010); a new token clears it. */
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** How the user appears as a reviewer on readers' pages (migration 0011): name, initials, role, none; null: as the site says. */
  reviewer_display: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TokensTable {
  id: string;
  user_id: string;
  /** sha256 of the token, hex; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface RolesTable {
  user_id: string;
  role: 'translator' | 'reviewer' | 'publisher' | 'admin';
  /** A BCP 47 tag, or `*` for every locale. */
  locale: string;
}

export interface StatementsTable {
  id: string;
  slug: string;
  source_locale: string;
  /** Optional set the statement belongs to (glossaries can be scoped to it). */
  collection: string | null;
  current_revision: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SourceRevisionsTable {
  id: string;
  statement_id: string;
  number: number;
  markdown: string;
  /** JSON: the mdast, positions included (they locate segments in the Markdown). */
  mdast: string;
  /** JSON: the segments. */
  segments: string;
  content_hash: string;
  title: string | null;
  /** The title folded for search (src/search-text.ts); null: no title. */
  search_text: string | null;
  created_by: string | null;
  created_at: string;
}

export interface TranslationsTable {
  id: string;
  statement_id: string;
  locale: string;
  submitted_revision: number | null;
  submitted_by: string | null;
  submitted_at: string | null;
  created_at: string;
}

/** The current state of each segment of a translation, one row per source revision. */
export interface TranslationSegmentsTable {
  translation_id: string;
  revision: number;
  segment_id: string;
  position: number;
  state: SegmentState;
  text: string | null;
  machine_text: string | null;
  /** JSON provenance of the machine draft. */
  machine_provenance: string | null;
  /** Who last wrote the human text (four-eyes). */
  last_editor: string | null;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

/** Locale-level events (submitted for review), never updated. */
export interface TranslationEventsTable {
  id: string;
  translation_id: string;
  revision: number;
  event: 'submitted';
  actor: string | null;
  comment: string | null;
  at: string;
}

/** Every change to a segment, never updated. */
export interface SegmentHistoryTable {
  id: string;
  translation_id: string;
  revision: number;
  segment_id: string;
  version: number;
  event: string;
  state: SegmentState;
  text: string | null;
  machine_text: string | null;
  machine_provenance: string | null;
  actor: string | null;
  comment: string | null;
  at: string;
}

export interface ReviewsTable {
  id: string;
  translation_id: string;
  revision: number;
  /** null for a decision on the whole locale. */
  segment_id: string | null;
  decision: 'approve' | 'request_changes';
  comment: string | null;
  reviewer: string;
  at: string;
}

/** A comment in a translation's threads (per segment, or general when segment_id is null); never updated. */
export interface SegmentCommentsTable {
  id: string;
  translation_id: string;
  /** The source revision it was written on. */
  revision: number;
  segment_id: string | null;
  kind: 'comment' | 'request_changes';
  text: string;
  author: string;
  /** The author's role for the locale when writing: translator, reviewer, publisher or admin. */
  author_role: string;
  at: string;
}

export interface EditionsTable {
  id: string;
  statement_id: string;
  locale: string;
  source_revision: number;
  markdown: string;
  mdast: string;
  hash: string;
  /** JSON: the approvals the edition rests on. */
  approvals: string;
  /** JSON: machine-assisted share, reviewers, approved at. */
  provenance: string;
  supersedes: string | null;
  embargo_until: string | null;
  published_at: string;
  /** The time it is (or will be) visible: the embargo time, or the publication time. */
  visible_from: string;
  published_by: string | null;
  /** JSON: the correction notice when this edition replaced a published one, else null. */
  correction: string | null;
}

export interface EditionWithdrawalsTable {
  edition_id: string;
  reason: string;
  withdrawn_by: string | null;
  at: string;
}

export interface TmEntriesTable {
  id: string;
  source_locale: string;
  target_locale: string;
  source_hash: string;
  source_text: string;
  target_text: string;
  origin: 'published' | 'approved' | 'imported' | 'machine';
  /** Length of the source text, for fuzzy candidate windows. */
  source_length: number;
  /** sha256 of the target text (one entry per source, target and origin). */
  target_hash: string;
  created_at: string;
}

export interface GlossaryTermsTable {
  id: string;
  /** `*` for global, or a statement collection. */
  scope: string;
  term: string;
  /** null: the term must not be translated. */
  target_locale: string | null;
  target_text: string | null;
  /** JSON array of accepted variants (transliterations). */
  variants: string;
  note: string | null;
  created_at: string;
}


/** `waiting`: a transient failure (database busy, engine failing) outlasted the runner's retries; resumed by the next start. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'waiting';

export interface DraftJobsTable {
  id: string;
  statement_id: string;
  revision: number;
  /** A provider named by the requester; null: routing by locale. */
  requested_provider: string | null;
  status: JobStatus;
  error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** The runner drafting the job (src/jobs/runner.ts); null: nobody holds it. */
  lease_owner: string | null;
  /** With an owner: the lease ends then unless renewed. Without: when a `waiting` job is due again. */
  lease_until: string | null;
  /** Rounds the job was left `waiting` in a row (the backoff between them). */
  waits: Generated<number>;
}

export interface DraftJobLocalesTable {
  job_id: string;
  locale: string;
  /** The provider that serves the locale; null: human only. */
  provider: string | null;
  status: JobStatus;
  done: number;
  total: number;
  /** Segments filled from translation memory. */
  from_memory: number;
  /** Segments stored with a placeholder finding for the translator. */
  flagged: number;
  /** Segments whose requests kept failing. */
  failed: number;
  billed_characters: number;
  error: string | null;
  updated_at: string;
}

export interface FindingOverridesTable {
  id: string;
  translation_id: string;
  revision: number;
  /** Null: a finding about the whole edition. */
  segment_id: string | null;
  rule: string;
  /** sha256 of the segment text the override was given for; an edit makes it lapse. */
  text_hash: string | null;
  reason: string;
  overridden_by: string;
  at: string;
}

export interface LinkTargetsTable {
  locale: string;
  source_url: string;
  target_url: string;
  updated_at: string;
}

export interface WebhooksTable {
  id: string;
  url: string;
  /** Standard Webhooks secret, `whsec_…` (stored: the service signs with it). */
  secret: string;
  /** JSON array of event types. */
  events: string;
  created_by: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface WebhookDeliveriesTable {
  /** Also the Standard Webhooks message id (`webhook-id`). */
  id: string;
  webhook_id: string;
  /** The edition the event is about. */
  edition_id: string | null;
  event: string;
  /** The exact JSON body sent (and signed). */
  payload: string;
  /** `cancelled`: its edition was withdrawn before it was sent (an embargo not yet over). */
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** A browser session of the web pages (the id itself is only in the browser's cookie). */
/** A one-time sign-in link (an invitation): only the hash of its token is kept. */
export interface SignInLinksTable {
  id: string;
  /** sha256 of the link's token, hex. */
  token_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  /** When it was used (it signs in once); null: not yet. */
  used_at: string | null;
}

export interface SessionsTable {
  /** sha256 of the session id, hex. */
  id_hash: string;
  user_id: string;
  /** The token signed in with: revoking it ends the session. */
  token_id: string;
  /** Sent back with every form and state-changing request of the session. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface Schema {
  users: UsersTable;
  tokens: TokensTable;
  roles: RolesTable;
  statements: StatementsTable;
  source_revisions: SourceRevisionsTable;
  translations: TranslationsTable;
  translation_segments: TranslationSegmentsTable;
  segment_history: SegmentHistoryTable;
  translation_events: TranslationEventsTable;
  reviews: ReviewsTable;
  segment_comments: SegmentCommentsTable;
  editions: EditionsTable;
  edition_withdrawals: EditionWithdrawalsTable;
  tm_entries: TmEntriesTable;
  glossary_terms: GlossaryTermsTable;
  draft_jobs: DraftJobsTable;
  draft_job_locales: DraftJobLocalesTable;
  finding_overrides: FindingOverridesTable;
  link_targets: LinkTargetsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  sessions: SessionsTable;
  sign_in_links: SignInLinksTable;
}
