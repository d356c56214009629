/**
 * Masking what a punctuation fix must never touch in a segment string: placeholder tags
 * (their attributes have straight quotes), character entities (`&amp;` ends in `;`), URLs
 * and e-mail addresses. Each becomes one private-use character, so that rules can work on
 * the text with plain regular expressions and the result can be unmasked into a valid
 * segment string again. Paired tags (`<g id="1">`, `</g>`) are "transparent": markup
 * around text, which spacing rules look through; everything else is "opaque" content.
 */
const transparentBase = 0xe000;
const opaqueBase = 0xf000;
const limit = 0x0900;

const pattern = new RegExp(
  [
    `<\\/?[gx](?:\\s+id\\s*=\\s*(?:"\\d+"|'\\d+'))?\\s*\\/?>(?:<\\/x>)?`,
    `(?:[a-z][a-z0-9+.-]*:\\/\\/|www\\.|mailto:)[^\\s<>"«»“”„]*[^\\s<>"«»“”„.,;:!?)\\]']`,
    `[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+`,
    `&(?:#x[0-9a-fA-F]+|#\\d+|[a-zA-Z]+);`,
  ].join('|'),
  'giu',
);

export interface Masked {
  text: string;
  unmask(masked: string): string;
}

export const isTransparent = (ch: string | undefined): boolean => ch !== undefined && ch >= '\uE000' && ch < '\uF000';

/** Undefined when the text already holds private-use characters, or too many things to mask. */
export function mask(xml: string): Masked | undefined {
  if (/[\uE000-\uF8FF]/u.test(xml)) return undefined;
  const transparent: string[] = [];
  const opaque: string[] = [];
  let overflow = false;
  const text = xml.replace(pattern, (m) => {
    const paired = /^<\/g\s*>$|^<g\s[^>]*[^/]>$/u.test(m);
    const list = paired ? transparent : opaque;
    if (list.length >= limit) overflow = true;
    list.push(m);
    return String.fromCharCode((paired ? transparentBase : opaqueBase) + list.length - 1);
  });
  if (overflow) return undefined;
  return {
    text,
    unmask: (masked) =>
      masked.replace(/[\uE000-\uF8FF]/gu, (ch) => {
        const code = ch.charCodeAt(0);
        return (code >= opaqueBase ? opaque[code - opaqueBase] : transparent[code - transparentBase]) ?? ch;
      }),
  };
}
