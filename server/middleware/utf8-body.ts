/**
 * Request bodies read as text (JSON, Markdown, XLIFF and other XML, text/*, urlencoded forms)
 * must be UTF-8: the body is read once here, decoded strictly (src/read-document.ts), and
 * kept for the handlers (`c.req.text()`, `json()`, `parseBody()` and the validators read the
 * cached body). Invalid bytes are refused with 400 input_not_utf8 before anything runs; in a
 * urlencoded form, so are percent-escapes that do not decode to UTF-8 (`%FF`). Multipart
 * bodies may carry binary files: the handler decodes a file it reads as text itself
 * (decodeUtf8), and their text fields are validated by the operations (slug, language tag).
 * Nor may a body hold a NUL character (U+0000: PostgreSQL's text refuses it, so it is refused on
 * every database alike, 400 validation_failed): raw, as a JSON `\u0000` escape, as `%00` in a
 * urlencoded form, or in a multipart form's text field (a file is checked where it is read as
 * text: decodeUtf8, form-input.ts fileField). The path and the query: nul-in-url.ts.
 * Runs after the body limit, so a body is never read past it.
 */
import type { MiddlewareHandler } from 'hono';
import { decodeUtf8, nulRefusal, refuseNul } from '../../src/read-document.ts';

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

/** A JSON `\u0000` escape (after an even number of backslashes: `\\u0000` is a backslash and `u0000`). */
const jsonNul = /(?<!\\)(?:\\\\)*\\u0000/i;

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

export function utf8Body(): MiddlewareHandler {
  return async (c, next) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (c.req.raw.body && isText(mediaType)) {
      const buffer = await c.req.arrayBuffer();
      const text = decodeUtf8(new Uint8Array(buffer), 'body');
      if (mediaType === 'application/x-www-form-urlencoded') checkEscapes(text);
      if (isJson(mediaType) && jsonNul.test(text)) throw nulRefusal('body');
      // Handlers read the text decoded here, not a lenient decoding of the same bytes.
      // (Hono keeps the promise of each reading in bodyCache; its type names the resolved values.)
      Object.assign(c.req.bodyCache, { text: Promise.resolve(text) });
    } else if (c.req.raw.body && mediaType === 'multipart/form-data') {
      // Parsed once here (Hono keeps the form for the handler); a form it cannot parse is the handler's to refuse.
      const form = await c.req.parseBody({ all: true }).catch(() => undefined);
      for (const [name, value] of Object.entries(form ?? {})) {
        for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') refuseNul(v, name);
      }
    }
    await next();
  };
}
