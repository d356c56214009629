/** Validation of the names people choose: statement slugs. */
import { DomainError } from './errors.ts';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function validateSlug(slug: string): string {
  if (typeof slug !== 'string' || slug.length > 120 || !slugPattern.test(slug)) {
    throw new DomainError('slug_invalid', `Not a valid slug: ${JSON.stringify(slug)} (lower-case ASCII letters, digits and single hyphens)`, { slug });
  }
  return slug;
}
