/**
 * Domain errors: one exception type with a stable code. Codes double as i18n keys
 * (`errors.<code>` in locales/<lng>/errors.json); `details` carries the arguments.
 */
export const errorCodes = [
  'config_invalid',
  'storage_migration_failed',
  'input_unreadable',
  'validation_failed',
  'unsupported_media_type',
  'structure_mismatch',
  'placeholders_broken',
  'input_not_utf8',
  'input_too_large',
  'input_too_complex',
  'xml_malformed',
  'xml_doctype_refused',
  'service_busy',
  'storage_busy',
  'locale_invalid',
  'locale_is_source',
  'slug_invalid',
  'provider_unknown',
  'provider_unsupported_pair',
  'provider_unavailable',
  'job_not_found',
  'unauthenticated',
  'forbidden',
  'four_eyes',
  'user_invalid',
  'user_not_found',
  'sign_in_link_invalid',
  'sign_in_link_expired',
  'sign_in_link_used',
  'statement_exists',
  'statement_not_found',
  'translation_not_found',
  'segment_not_found',
  'edition_not_found',
  'version_conflict',
  'precondition_required',
  'revision_conflict',
  'transition_refused',
  'not_ready_to_submit',
  'not_ready_to_approve',
  'not_ready_to_publish',
  'embargo_invalid',
  'edition_withdrawn',
  'webhook_not_found',
  'webhook_target_refused',
  'quality_blocked',
  'glossary_import_refused',
  'not_found',
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
