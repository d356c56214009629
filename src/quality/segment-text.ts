/**
 * The plain text of a segment string, for comparisons that must ignore inline markup:
 * placeholder tags are dropped (`<g id="n">`, `</g>`), a standalone placeholder
 * (`<x id="n"/>`: inline code, an image, a break) becomes one space so that the words or
 * numbers on either side stay apart, and `&lt;` `&gt;` `&amp;` are read back.
 */
import { xmlCodec } from '../markdown/placeholder-codec.ts';

export function plainText(xml: string): string {
  let out = '';
  for (const t of xmlCodec.decode(xml).tokens) {
    if (t.type === 'text') out += t.value;
    else if (t.type === 'standalone') out += ' ';
  }
  return out;
}

/** NFC, runs of white space as one space, trimmed. */
export function normaliseSpace(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
