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
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('input_not_utf8', `${name} is not valid UTF-8 text`, { path: name });
  }
}
