/**
 * Dates and times on the pages: written for the page's language (medium date, short time,
 * always in UTC, said so) inside <time datetime="<ISO>">, so the exact instant stays in the
 * markup for machines and tests. A message with dates in it ({{at}}…) is rendered with each
 * date as such an element, wherever the language puts it in the sentence.
 */
import type { Child } from 'hono/jsx';
import type { PageVars } from './page-env.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** `iso` for people reading `lang`, e.g. "1 janv. 2020, 08:00 UTC"; a value that is no date is shown as it is. */
function formatPageDateTimeUtc(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    formats.set(lang, format);
  }
  return `${format.format(date)} UTC`;
}

export function DateTime({ iso, lang }: { iso: string; lang: string }) {
  return <time datetime={iso}>{formatPageDateTimeUtc(iso, lang)}</time>;
}

/** Private-use characters around a date's name: where it goes in the translated message. */
const mark = (name: string) => `\uE000${name}\uE001`;
const marks = /\uE000(\w+)\uE001/;

export interface DatedMessageProps {
  vars: PageVars;
  /** The message's key (namespace `pages`). */
  message: string;
  /** Its other values, as for t(). */
  args?: Record<string, unknown>;
  /** Its dates (ISO strings), each shown as a <DateTime>. */
  dates: Record<string, string>;
}

export function DatedMessage({ vars, message, args = {}, dates }: DatedMessageProps) {
  const text = vars.t(message, { ...args, ...Object.fromEntries(Object.keys(dates).map((name) => [name, mark(name)])) });
  // split with a group: text, name, text, name, … text.
  const parts = text.split(marks);
  const out: Child[] = parts.map((part, i) => {
    const iso = dates[part];
    return i % 2 === 1 && iso !== undefined ? <DateTime iso={iso} lang={vars.lang} /> : part;
  });
  return <>{out}</>;
}
