/** The one hash of the code base's content: sha256 of UTF-8 text, as lowercase hex. */
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
