/**
 * Request bodies read as text (JSON, Markdown, XLIFF and other XML, text/*, urlencoded forms)
 * must be UTF-8: the body is read once here, decoded strictly (src/read-document.ts), and
 * kept for the handlers (`c.req.text()`, `json()`, `parseBody()` and the validators read the
 * cached body). Invalid bytes are refused with 400 input_not_utf8 before anything runs; in a
 * urlencoded form, so are percent-escapes that do not decode to UTF-8 (`%FF`). Multipart
 * bodies may carry binary files: the handler decodes a file it reads as text itself
 * (decodeUtf8), and their text fields are validated by the operations (slug, language tag).
 * Runs after the body limit, so a body is never read past it.
 */
import type { MiddlewareHandler } from 'hono';
import { decodeUtf8 } from '../../src/read-document.ts';

/** Media types whose body is text. */
function isText(mediaType: string): boolean {
  return (
    mediaType.startsWith('text/') ||
    mediaType === 'application/json' ||
    mediaType.endsWith('+json') ||
    mediaType === 'application/xml' ||
    mediaType.endsWith('+xml') ||
    mediaType === 'application/x-www-form-urlencoded'
  );
}

const escapes = /(?:%[0-9a-fA-F]{2})+/g;

/** Every run of percent-escapes in a urlencoded body must decode to UTF-8 on its own. */
function checkEscapes(form: string): void {
  for (const [run] of form.matchAll(escapes)) {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16));
    decodeUtf8(bytes, 'body');
  }
}

export function utf8Body(): MiddlewareHandler {
  return async (c, next) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (c.req.raw.body && isText(mediaType)) {
      const buffer = await c.req.arrayBuffer();
      const text = decodeUtf8(new Uint8Array(buffer), 'body');
      if (mediaType === 'application/x-www-form-urlencoded') checkEscapes(text);
      // Handlers read the text decoded here, not a lenient decoding of the same bytes.
      // (Hono keeps the promise of each reading in bodyCache; its type names the resolved values.)
      Object.assign(c.req.bodyCache, { text: Promise.resolve(text) });
    }
    await next();
  };
}
