/** If-Match carries a version number: `3`, `"3"` or `W/"3"`. Required where named. */
import { DomainError } from '../../src/errors.ts';

export function ifMatchVersion(header: string | undefined): number {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec((header ?? '').trim());
  if (!m) throw new DomainError('validation_failed', 'If-Match: a version number is required', { field: 'If-Match', problem: 'a version number is required' });
  return Number(m[1]);
}
