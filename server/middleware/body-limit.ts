/**
 * Request bodies over a limit are refused with 413 input_too_large. A body refused before it
 * was read (its Content-Length says too much) is read and dropped first, up to a bound, so
 * that the client, which is still sending it, gets the answer on a connection it can keep
 * using; past the bound the connection is closed after the answer.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../src/errors.ts';

async function discard(c: Context, bound: number): Promise<boolean> {
  const body = c.req.raw.body;
  if (!body || body.locked) return false;
  const reader = body.getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      read += value.byteLength;
      if (read > bound) {
        await reader.cancel();
        return false;
      }
    }
  } catch {
    return false;
  }
}

export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: async (c) => {
      const declared = Number(c.req.header('content-length') ?? Number.NaN);
      // A body declared past the bound is not read at all: the connection closes after the answer.
      const drained = declared > maxSize * 16 ? false : await discard(c, maxSize * 16);
      if (!drained) c.header('Connection', 'close');
      // The size is known only when declared: a streamed body is not read to its end.
      throw new DomainError('input_too_large', `The request body is over ${maxSize} bytes`, Number.isFinite(declared) ? { limit: maxSize, size: declared } : { limit: maxSize });
    },
  });
}
