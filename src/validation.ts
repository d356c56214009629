/** Validation of the names people choose: statement slugs. */
import { DomainError } from './errors.ts';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True when `slug` could name a statement (a public path with any other is a 404 before any query). */
export function isSlug(slug: unknown): boolean {
  return typeof slug === 'string' && slug.length <= 120 && slugPattern.test(slug);
}

export function validateSlug(slug: string): string {
  if (!isSlug(slug)) {
    throw new DomainError('slug_invalid', `Not a valid slug: ${JSON.stringify(slug)} (lower-case ASCII letters, digits and single hyphens)`, { slug });
  }
  return slug;
}
