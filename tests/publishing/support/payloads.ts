/** The XSS payloads of tests/fixtures/xss/payloads.txt, with ⟨U+XXXX⟩ written out. */
import { readFileSync } from 'node:fs';

export function loadPayloads(): string[] {
  const file = readFileSync(new URL('../../fixtures/xss/payloads.txt', import.meta.url), 'utf8');
  return file
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith(';;'))
    .map((line) => line.replace(/⟨U\+([0-9A-Fa-f]{4,6})⟩/g, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16))));
}
