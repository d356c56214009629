/**
 * What the readers' routes (/published, /feeds) read from a request, the same way in both:
 * the language part of a path, bounded before it is parsed, and If-None-Match, compared as
 * RFC 9110 §13.1.2 says (also used by the API's conditional GET of a translation).
 */
import { DomainError } from '../src/errors.ts';
import { canonicalLocale } from '../src/locale.ts';
import { bounds } from './schemas.ts';

/**
 * The language part of a public path, canonical (`fr-ca` → `fr-CA`); one longer than a language
 * tag may be (`bounds.tag`, 100 characters) is refused before it is parsed, as a malformed one:
 * `400 locale_invalid`, echoing only its first characters.
 */
export function pathLocale(part: string): string {
  if (part.length > bounds.tag) {
    throw new DomainError('locale_invalid', `A language tag has at most ${bounds.tag} characters`, { locale: `${part.slice(0, 20)}…`, length: part.length, maximum: bounds.tag });
  }
  return canonicalLocale(part);
}

/**
 * Whether `If-None-Match` (`header`) names the representation whose ETag is `etag`: weak
 * comparison (`W/"x"` and `"x"` are the same tag, on either side: a proxy that compresses
 * weakens the ETag it passes on), a list of tags, or `*` (any current representation).
 * The common case, the tag given back as it was sent, costs one comparison.
 */
export function noneMatch(header: string, etag: string): boolean {
  if (header === etag) return true;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const part of header.split(',')) {
    const tag = part.trim();
    if (tag === '*' || (tag.startsWith('W/') ? tag.slice(2) : tag) === opaque) return true;
  }
  return false;
}
