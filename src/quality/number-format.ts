/**
 * Reading the numbers written in a text the way a locale writes them, so that `1,234.5`
 * (en), `1 234,5` (fr), `1.234,5` (de), `١٬٢٣٤٫٥` (ar) and `۱٬۲۳۴٫۵` (fa) all read as the
 * value `1234.5`. Digits of any script are read (digits.ts); group and decimal symbols come
 * from `Intl.NumberFormat(locale).formatToParts`, plus the Arabic separators U+066C and
 * U+066B (never ambiguous), any space for locales that group with a space, and Indian
 * grouping (12,34,567) where the locale uses it.
 *
 * A run of digits and separators the convention cannot read whole (`2023 150 000`) is cut
 * into the longest readable numbers from the left (2023, 150000); one with two decimal
 * separators (a date `12.05.2024`, a version `1.2.3`) into its parts: 12, 5, 2024.
 * Signs, percent signs and units are not part of a number.
 */
import { normaliseDigits } from './digits.ts';

export interface NumberConvention {
  readonly name: string;
  readonly groups: readonly string[];
  readonly decimals: readonly string[];
  /** Groups of two before the last group of three (en-IN, hi, bn). */
  readonly indian: boolean;
}

export interface NumberMention {
  /** Canonical decimal form: no group separators, `.` as decimal point, no leading or trailing zeros (`1234.5`, `0.25`, `7`). */
  value: string;
  /** As written in the text. */
  spelling: string;
}

const arabicGroup = '\u066C';
const arabicDecimal = '\u066B';
const spaces = [' ', '\u00A0', '\u202F', '\u2009'];
const apostrophes = ["'", '\u2019'];

function convention(name: string, group: string, decimal: string, indian: boolean): NumberConvention {
  const groups = new Set([group, arabicGroup]);
  if (/^\s$/u.test(group)) for (const s of spaces) groups.add(s);
  if (apostrophes.includes(group)) for (const a of apostrophes) groups.add(a);
  groups.delete(decimal);
  return { name, groups: [...groups], decimals: [...new Set([decimal, arabicDecimal])], indian };
}

/** `1,234.5` and `1234.5`: what many translators keep whatever the target locale. */
export const asciiConvention: NumberConvention = convention('ascii', ',', '.', false);

const byLocale = new Map<string, NumberConvention>();

export function numberConvention(locale: string): NumberConvention {
  const cached = byLocale.get(locale);
  if (cached) return cached;
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  } catch {
    parts = new Intl.NumberFormat('en').formatToParts(1234567.5);
  }
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const integers = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const indian = integers.length >= 3 && integers[integers.length - 2] === 2;
  const result = convention(locale, group, decimal, indian);
  byLocale.set(locale, result);
  return result;
}

const classOf = (chars: readonly string[]) => `[${chars.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`;

interface Compiled {
  run: RegExp;
  whole: RegExp[];
}

const compiled = new WeakMap<NumberConvention, Compiled>();

function compile(c: NumberConvention): Compiled {
  const known = compiled.get(c);
  if (known) return known;
  const g = classOf(c.groups);
  const d = classOf(c.decimals);
  const fraction = `(?:${d}\\d+)?`;
  const whole = [new RegExp(`^\\d+${fraction}$`), new RegExp(`^\\d{1,3}(?:${g}\\d{3})+${fraction}$`)];
  if (c.indian) whole.push(new RegExp(`^\\d{1,2}(?:${g}\\d{2})*${g}\\d{3}${fraction}$`));
  const result = { run: new RegExp(`\\d+(?:${classOf([...c.groups, ...c.decimals])}\\d+)*`, 'g'), whole };
  compiled.set(c, result);
  return result;
}

function canonical(written: string, c: NumberConvention): string {
  let integer = '';
  let fraction: string | undefined;
  for (const ch of written) {
    if (c.decimals.includes(ch)) fraction = '';
    else if (ch >= '0' && ch <= '9') {
      if (fraction === undefined) integer += ch;
      else fraction += ch;
    }
  }
  integer = integer.replace(/^0+(?=\d)/, '');
  fraction = (fraction ?? '').replace(/0+$/, '');
  return fraction ? `${integer}.${fraction}` : integer;
}

/** Every number in `text`, in order, read with convention `c`. */
export function readNumbers(text: string, c: NumberConvention): NumberMention[] {
  const { whole, run } = compile(c);
  const { text: digits, offsets } = normaliseDigits(text);
  const out: NumberMention[] = [];
  for (const m of digits.matchAll(run)) {
    // Digit groups at even indices, the single separator between two groups at odd ones.
    const pieces = m[0].split(/(\D)/);
    const starts: number[] = [];
    let at = m.index;
    for (const p of pieces) {
      starts.push(at);
      at += p.length;
    }
    starts.push(at);
    const groups = (pieces.length + 1) / 2;
    // Two decimal separators: a date or a version (12.05.2024, 1.2.3), each part on its own.
    const dotted = pieces.filter((p, j) => j % 2 === 1 && c.decimals.includes(p)).length > 1;
    let i = 0;
    while (i < groups) {
      for (let k = groups - 1; k >= i; k--) {
        const written = pieces.slice(2 * i, 2 * k + 1).join('');
        if (k > i && (dotted || !whole.some((re) => re.test(written)))) continue;
        const from = offsets[starts[2 * i]!]!;
        const to = offsets[starts[2 * k + 1]!]!;
        out.push({ value: canonical(written, c), spelling: text.slice(from, to) });
        i = k + 1;
        break;
      }
    }
  }
  return out;
}
