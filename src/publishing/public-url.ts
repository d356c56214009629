/**
 * Checks for what goes into feeds and sitemaps: absolute http(s) URLs (normalised, so
 * percent-encoded: no markup character survives), hreflang values (a language tag, or
 * `x-default`), and times.
 */
export function publicUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${what}: not an absolute URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${what}: not an http(s) URL: ${JSON.stringify(value)}`);
  return url.href;
}

export function hreflang(value: string, what: string): string {
  if (value.toLowerCase() === 'x-default') return 'x-default';
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical) return canonical;
  } catch {
    // fall through
  }
  throw new TypeError(`${what}: not a language tag: ${JSON.stringify(value)}`);
}

export function timeOf(value: string, what: string): Date {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new TypeError(`${what}: not a date and time: ${JSON.stringify(value)}`);
  return new Date(time);
}
