/**
 * Where to send someone back to (sign-in's `next`, the language chooser's `back`): a path of
 * this site only, never another site's URL and never a header the service cannot send.
 * Accepted: a single leading `/`, no `//` and no `\` anywhere, no control character, format
 * character or white space anywhere as given, nor in the path percent-decoded, and a URL
 * that, resolved against this site, stays on it. Anything else: the fallback.
 */
const forbidden = /[\s\p{Cc}\p{Cf}\\]|\/\//u;
const base = 'http://editions.invalid';

function percentDecoded(value: string): string | null {
  let current = value;
  // Decoded until stable (a few rounds), so that %252F%252F counts as // too.
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

export function safePath(value: unknown, fallback = '/statements'): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return fallback;
  // The path is judged decoded too; a query or fragment only as given (a search for `a b`
  // arrives as `?q=a%20b` and stays a path of this site).
  const path = value.split(/[?#]/, 1)[0]!;
  const decoded = percentDecoded(path);
  if (decoded === null || !decoded.startsWith('/')) return fallback;
  if (forbidden.test(value) || forbidden.test(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // As the URL parser wrote it: ASCII only (non-ASCII percent-encoded), so always a valid header.
  return `${url.pathname}${url.search}${url.hash}`;
}
