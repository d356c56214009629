/**
 * If-Match carries a version number: `3`, `"3"` or `W/"3"`. Required where named: the API's
 * segment and source edits, and the translate page's save (a form posts the same value in its
 * `version` field). Anything else is `400 validation_failed` on `If-Match`, its problem in
 * the caller's language (locales/<lng>/validation.json, `version_required`).
 */
import { DomainError } from '../src/errors.ts';

export function ifMatchVersion(header: string | undefined): number {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec((header ?? '').trim());
  if (!m) {
    throw new DomainError('validation_failed', 'If-Match: a version number is required', {
      field: 'If-Match',
      problem: 'a version number is required (the version of the text read)',
      issue: { code: 'custom', params: { problem: 'version_required' } },
    });
  }
  return Number(m[1]);
}
