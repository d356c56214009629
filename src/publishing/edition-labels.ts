/**
 * Labels of published pages and feeds (locales/<lng>/edition.json), in the edition's
 * language when the product has it, else in English; dates and numbers in the edition's
 * own locale.
 */
import { translator, uiLanguages } from '../i18n.ts';

/** One of our UI languages for an edition locale: `fr-CA` → `fr`, `fa` → `en`. */
export function labelLanguage(locale: string): string {
  let language: string;
  try {
    language = new Intl.Locale(locale).language;
  } catch {
    return 'en';
  }
  return uiLanguages.includes(language) ? language : 'en';
}

export type EditionLabels = (key: string, values?: Record<string, string>) => string;

export function editionLabels(locale: string): EditionLabels {
  const t = translator(labelLanguage(locale));
  return (key, values) => t(`edition:${key}`, values ?? {});
}

function usable(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** `{ iso, text }` for a stored time; `iso` is undefined when the value is not a time. */
export function formatDateTime(value: string, locale: string): { iso: string | undefined; text: string } {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return { iso: undefined, text: value };
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(usable(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    dateTimeFormats.set(locale, format);
  }
  return { iso: new Date(time).toISOString(), text: format.format(time) };
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(usable(locale)).format(value);
}

/** Names joined as a list in the edition's locale, as parts: each name stays one part. */
export function listParts(items: readonly string[], locale: string): { type: 'element' | 'literal'; value: string }[] {
  return new Intl.ListFormat(usable(locale), { type: 'conjunction' }).formatToParts(items);
}
