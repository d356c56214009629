/** Domain error codes → HTTP statuses, in one place. Bodies: {"error": {code, message, details}}. */
import type { ErrorCode } from '../src/errors.ts';

const statuses: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  forbidden: 403,
  four_eyes: 403,
  statement_not_found: 404,
  translation_not_found: 404,
  segment_not_found: 404,
  edition_not_found: 404,
  job_not_found: 404,
  webhook_not_found: 404,
  user_not_found: 404,
  sign_in_link_invalid: 404,
  sign_in_link_expired: 410,
  sign_in_link_used: 410,
  webhook_target_refused: 422,
  quality_blocked: 409,
  glossary_import_refused: 422,
  not_found: 404,
  internal_error: 500,
  statement_exists: 409,
  transition_refused: 409,
  not_ready_to_submit: 409,
  not_ready_to_approve: 409,
  not_ready_to_publish: 409,
  edition_withdrawn: 409,
  version_conflict: 412,
  precondition_required: 428,
  revision_conflict: 412,
  input_too_large: 413,
  validation_failed: 400,
  unsupported_media_type: 415,
  provider_unsupported_pair: 422,
  provider_unavailable: 422,
  locale_is_source: 422,
  structure_mismatch: 422,
  placeholders_broken: 422,
  input_too_complex: 422,
  xml_malformed: 400,
  xml_doctype_refused: 400,
  service_busy: 503,
  storage_busy: 503,
};

export function statusOf(code: ErrorCode): number {
  return statuses[code] ?? 400;
}
