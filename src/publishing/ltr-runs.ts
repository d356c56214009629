/**
 * Left-to-right runs inside right-to-left text: Latin words and acronyms (UNHCR, COP29),
 * URLs, e-mail addresses and numbers with their separators, signs and % (12.5%, 1,000,
 * -3), joined with the spaces and punctuation between them when more of the run follows.
 */
const latin = '\\p{Script=Latin}';
const rtlScripts = ['Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Nko', 'Adlam', 'Hanifi_Rohingya', 'Mandaic', 'Samaritan'];
const rtlClass = rtlScripts.map((s) => `\\p{Script=${s}}`).join('');
const rtlLetter = `(?=\\p{L})[${rtlClass}]`;

const url = `(?:(?:https?|ftp):\\/\\/|www\\.)[^\\s<>"${rtlClass}]*[^\\s<>".,;:!?'")\\]}${rtlClass}]`;
const email = '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+';
/** A word or number: connectors (. ' ’ _ @ -) only between letters or digits, `,` only between digits. */
const word = `(?:[-+−$€£¥](?=[0-9]))?[${latin}0-9](?:[${latin}\\p{M}0-9]|[.'’_@-](?=[${latin}0-9])|,(?=[0-9]))*[%‰]?`;
const atom = `(?:${url}|${email}|${word})`;
const separator = `[\\s.,:;/&+\\-–—]+`;

const runPattern = new RegExp(`${atom}(?:${separator}${atom})*`, 'gu');
const rtlPattern = new RegExp(rtlLetter, 'gu');
const ltrPattern = new RegExp(`[${latin}0-9]`, 'gu');

/** `[start, end)` offsets of the left-to-right runs of a text. */
export function ltrRuns(value: string): [number, number][] {
  return [...value.matchAll(runPattern)].map((m) => [m.index, m.index + m[0].length]);
}

export function rtlLetterCount(value: string): number {
  return value.match(rtlPattern)?.length ?? 0;
}

export function ltrCharCount(value: string): number {
  return value.match(ltrPattern)?.length ?? 0;
}

/** More Latin letters and digits than right-to-left letters. */
export function mostlyLtr(value: string): boolean {
  return ltrCharCount(value) > rtlLetterCount(value);
}

/** Some Latin letter or digit, and no right-to-left letter at all. */
export function whollyLtr(value: string): boolean {
  return ltrCharCount(value) > 0 && rtlLetterCount(value) === 0;
}
