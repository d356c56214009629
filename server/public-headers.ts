/**
 * Security headers of the public, tokenless responses (/published/…, /feeds/…), made once:
 * `X-Content-Type-Options: nosniff`, a Referrer-Policy, and a Content-Security-Policy. An
 * edition's HTML may show images (https or data) and nothing else: no script, no style from
 * elsewhere, no plugin, no form; other representations (Markdown, JSON, feeds, errors) load
 * nothing at all. Framing follows EDITIONS_PUBLIC_FRAME_ANCESTORS (default `'self'`: the
 * organisation's own site on this origin may embed editions, no one else).
 *
 * The published route puts these into its prebuilt header sets (no work per request); the
 * app's error and not-found handlers add them to refusals under the public paths.
 */
import type { Context } from 'hono';

export interface PublicHeaders {
  /** For an edition's HTML. */
  html: Readonly<Record<string, string>>;
  /** For everything else: Markdown, JSON, feeds, errors, 304s of those. */
  other: Readonly<Record<string, string>>;
}

export function publicHeaders(frameAncestors: string): PublicHeaders {
  const common = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' };
  const html = ["default-src 'none'", "img-src 'self' https: data:", "style-src 'self'", "base-uri 'none'", "form-action 'none'", `frame-ancestors ${frameAncestors}`].join('; ');
  const other = ["default-src 'none'", "base-uri 'none'", "form-action 'none'", `frame-ancestors ${frameAncestors}`].join('; ');
  return { html: { ...common, 'Content-Security-Policy': html }, other: { ...common, 'Content-Security-Policy': other } };
}

const publicPath = /^\/(published|feeds)(\/|$)/;

/** `res` with the public headers when the request was for a public path (an error, a 404). */
export function withPublicHeaders(c: Context, res: Response, headers: PublicHeaders): Response {
  if (publicPath.test(c.req.path)) for (const [name, value] of Object.entries(headers.other)) res.headers.set(name, value);
  return res;
}
