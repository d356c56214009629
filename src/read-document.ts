/** Reads a Markdown document from disk: UTF-8 only, within a size limit. */
import { readFile, stat } from 'node:fs/promises';
import { DomainError } from './errors.ts';

export async function readDocument(path: string, maxBytes: number): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new DomainError('input_unreadable', `Cannot read ${path}: no such file, or not a file`, { field: path, path });
  }
  if (size > maxBytes) {
    throw new DomainError('input_too_large', `${path} is ${size} bytes; the limit is ${maxBytes} bytes`, { path, size, limit: maxBytes });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new DomainError('input_unreadable', `Cannot read ${path}`, { field: path, path });
  }
  return decodeUtf8(bytes, path);
}

export function decodeUtf8(bytes: Uint8Array, name: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    throw new DomainError('input_not_utf8', `${name} is not valid UTF-8 text (line ${line})`, { path: name, line });
  }
  refuseNul(text, name);
  return text;
}

/**
 * The refusal of a NUL character (U+0000) in `field` (a path, a query, a body, a file): no text
 * the service keeps may hold one (PostgreSQL's text refuses it; SQLite would keep it), so it is
 * refused at the edge, on both databases alike: 400 validation_failed, the problem in the
 * caller's words (locales/<lng>/validation.json `nul_character`).
 */
export function nulRefusal(field: string, line?: number): DomainError {
  const where = line === undefined ? {} : { line };
  return new DomainError('validation_failed', `${field}: a NUL character (U+0000) is not allowed`, {
    field,
    ...where,
    problem: 'a NUL character (U+0000) is not allowed',
    issue: { code: 'custom', params: { problem: 'nul_character' } },
  });
}

/** Throws nulRefusal when `text` holds U+0000 (`details.line`: its line). */
export function refuseNul(text: string, field: string): void {
  const at = text.indexOf('\0');
  if (at >= 0) throw nulRefusal(field, (text.slice(0, at).match(/\n/g)?.length ?? 0) + 1);
}

/** The 1-based line of the first byte that is not UTF-8 (line breaks are ASCII: never part of a bad sequence). */
function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const lossy = new TextDecoder('utf-8').decode(bytes);
  let offset = 0;
  let from = 0;
  for (let at = lossy.indexOf('\uFFFD'); at >= 0; at = lossy.indexOf('\uFFFD', at + 1)) {
    offset += Buffer.byteLength(lossy.slice(from, at));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) {
      return (lossy.slice(0, at).match(/\n/g)?.length ?? 0) + 1;
    }
    offset += 3;
    from = at + 1;
  }
  return 1;
}
