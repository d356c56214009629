/**
 * Security headers of the public, tokenless responses (/published/…, /feeds/…), made once:
 * `X-Content-Type-Options: nosniff`, a Referrer-Policy, and a Content-Security-Policy. An
 * edition's HTML may show images (https or data) and nothing else: no script, no style from
 * elsewhere, no plugin, no form; other representations (Markdown, JSON, feeds, errors) load
 * nothing at all. Framing follows EDITIONS_PUBLIC_FRAME_ANCESTORS (default `'self'`: the
 * organisation's own site on this origin may embed editions, no one else).
 *
 * The published route puts these into its prebuilt header sets (no work per request); the
 * app's error and not-found handlers add them to refusals under the public paths. The sets are
 * what hono/secure-headers sets, read once when this module loads (its middleware runs on a
 * throwaway app: it sets headers on a response, it does not hand them out); the framing
 * directive, from the configuration, ends each policy.
 */
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { editionStylesheetHash } from '../src/publishing/html-document.ts';

/** secureHeaders' options (hono does not export their type by name). */
export type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/** hono/secure-headers' defaults, all off: each use names the headers it sets (the same as before the library). */
export const onlySecureHeaders: Partial<SecureHeadersOptions> = {
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xContentTypeOptions: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
};

/** What secureHeaders(options) sets on a response, under each header's usual spelling (Content-Security-Policy). */
async function headersOf(options: Partial<SecureHeadersOptions>): Promise<Record<string, string>> {
  const res = await new Hono().use(secureHeaders(options)).get('/', (c) => c.body(null)).request('/');
  const spelled = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
  return Object.fromEntries([...res.headers].map(([name, value]) => [spelled(name), value]));
}

const common: Partial<SecureHeadersOptions> = { ...onlySecureHeaders, xContentTypeOptions: true, referrerPolicy: 'strict-origin-when-cross-origin' };
const nothing = { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };
const [htmlBase, otherBase] = await Promise.all([
  headersOf({ ...common, contentSecurityPolicy: { defaultSrc: ["'none'"], imgSrc: ["'self'", 'https:', 'data:'], styleSrc: ["'self'", editionStylesheetHash], baseUri: ["'none'"], formAction: ["'none'"] } }),
  headersOf({ ...common, contentSecurityPolicy: nothing }),
]);

export interface PublicHeaders {
  /** For an edition's HTML. */
  html: Readonly<Record<string, string>>;
  /** For everything else: Markdown, JSON, feeds, errors, 304s of those. */
  other: Readonly<Record<string, string>>;
}

export function publicHeaders(frameAncestors: string): PublicHeaders {
  const framed = (base: Record<string, string>) => ({ ...base, 'Content-Security-Policy': `${base['Content-Security-Policy']}; frame-ancestors ${frameAncestors}` });
  return { html: framed(htmlBase!), other: framed(otherBase!) };
}

const publicPath = /^\/(published|feeds)(\/|$)/;

/**
 * How a refusal under a public path may be kept: not at all (a 404 must not outlive an
 * embargo's end in a shared cache), and what it depends on (JSON or an HTML page by Accept,
 * its message by Accept-Language).
 */
export const refusalCaching: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store', Vary: 'Accept, Accept-Language' };

/** `res` with the public headers when the request was for a public path (an error, a 404), and a refusal's caching headers. */
export function withPublicHeaders(c: Context, res: Response, headers: PublicHeaders): Response {
  if (!publicPath.test(c.req.path)) return res;
  for (const [name, value] of Object.entries(headers.other)) res.headers.set(name, value);
  if (res.status >= 400) for (const [name, value] of Object.entries(refusalCaching)) res.headers.set(name, value);
  return res;
}
