/**
 * Native digits of every script to ASCII, generically: Unicode assigns decimal digits
 * (`\p{Nd}`) only in contiguous runs of ten, 0 to 9 in order, so a digit's value is its
 * distance from the start of its run, modulo 10 (some runs, like the mathematical digits,
 * are several sets of ten back to back). Arabic-Indic ٠–٩, Persian ۰–۹, Devanagari ०–९,
 * Bengali, Thai, fullwidth ０–９… all read the same way, with no list to keep up to date.
 */
const decimalDigit = /^\p{Nd}$/u;
const values = new Map<number, number | undefined>();

export function digitValue(codePoint: number): number | undefined {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  if (values.has(codePoint)) return values.get(codePoint);
  let value: number | undefined;
  if (decimalDigit.test(String.fromCodePoint(codePoint))) {
    let start = codePoint;
    while (start > 0 && decimalDigit.test(String.fromCodePoint(start - 1))) start--;
    value = (codePoint - start) % 10;
  }
  values.set(codePoint, value);
  return value;
}

export interface NormalisedDigits {
  /** The text with every decimal digit as an ASCII digit. */
  text: string;
  /** For each UTF-16 index of `text` (and its end), the index in the original text. */
  offsets: number[];
}

export function normaliseDigits(original: string): NormalisedDigits {
  let text = '';
  const offsets: number[] = [];
  let at = 0;
  for (const ch of original) {
    const value = digitValue(ch.codePointAt(0)!);
    if (value === undefined) {
      for (let k = 0; k < ch.length; k++) offsets.push(at + k);
      text += ch;
    } else {
      offsets.push(at);
      text += String(value);
    }
    at += ch.length;
  }
  offsets.push(at);
  return { text, offsets };
}
