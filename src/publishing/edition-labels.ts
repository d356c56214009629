/**
 * Labels of published pages and feeds, in the edition's own language: the bundled
 * locales/<lng>/edition.json, plus `<EDITIONS_LABELS_DIR>/<tag>.json` files of the same shape
 * (a locale's labels added without a change of code; they win over the bundled ones). A
 * locale with no labels of its own falls back to the configured site language
 * (EDITIONS_SITE_LANGUAGE), then to English; a key missing in a language falls back the same
 * way. Dates, numbers and language names come from Intl in the edition's own locale.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabelSettings {
  /** The language labels fall back to before English (EDITIONS_SITE_LANGUAGE). */
  siteLanguage?: string;
  /** A folder of `<tag>.json` label files (EDITIONS_LABELS_DIR). */
  labelsDir?: string;
}

type Flat = Map<string, string>;

const bundledRoot = new URL('../../locales/', import.meta.url).pathname;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function readBundled(): Map<string, Flat> {
  const out = new Map<string, Flat>();
  for (const e of readdirSync(bundledRoot, { withFileTypes: true })) {
    const file = join(bundledRoot, e.name, 'edition.json');
    const tag = e.isDirectory() ? canonical(e.name) : undefined;
    if (tag && existsSync(file)) out.set(tag, flatten(JSON.parse(readFileSync(file, 'utf8')), '', new Map()));
  }
  return out;
}

let bundled: Map<string, Flat> | undefined;
const byDir = new Map<string, Map<string, Flat>>();

/** Every language with labels: bundled, then the labels folder's files over them. */
export function labelSets(labelsDir?: string): Map<string, Flat> {
  bundled ??= readBundled();
  if (!labelsDir) return bundled;
  let sets = byDir.get(labelsDir);
  if (!sets) {
    sets = new Map([...bundled].map(([k, v]) => [k, new Map(v)]));
    for (const f of existsSync(labelsDir) ? readdirSync(labelsDir).filter((n) => n.endsWith('.json')) : []) {
      const tag = canonical(f.replace(/\.json$/, ''));
      if (!tag) continue;
      const own = flatten(JSON.parse(readFileSync(join(labelsDir, f), 'utf8')), '', new Map());
      sets.set(tag, new Map([...(sets.get(tag) ?? []), ...own]));
    }
    byDir.set(labelsDir, sets);
  }
  return sets;
}

/** The languages to look labels up in, best first: `pt-BR`, `pt`, the site language, `en`. */
function chain(locale: string, settings: LabelSettings): string[] {
  const tags: string[] = [];
  const add = (tag: string | undefined) => {
    const c = tag ? canonical(tag) : undefined;
    if (!c) return;
    if (!tags.includes(c)) tags.push(c);
    const language = new Intl.Locale(c).language;
    if (!tags.includes(language)) tags.push(language);
  };
  add(locale);
  add(settings.siteLanguage);
  add('en');
  const sets = labelSets(settings.labelsDir);
  return tags.filter((t) => sets.has(t));
}

/** The language an edition's labels are written in: its own when it has labels, else the site language, else English. */
export function labelLanguage(locale: string, settings: LabelSettings = {}): string {
  return chain(locale, settings)[0] ?? 'en';
}

export type EditionLabels = (key: string, values?: Record<string, string>) => string;

export function editionLabels(locale: string, settings: LabelSettings = {}): EditionLabels {
  const sets = labelSets(settings.labelsDir);
  const order = chain(locale, settings).map((t) => sets.get(t)!);
  return (key, values = {}) => {
    const template = order.map((s) => s.get(key)).find((v) => v !== undefined) ?? key;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '…');
  };
}

function usable(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** `{ iso, text }` for a stored time as an edition's provenance shows it (long date, short time, UTC); `iso` is undefined when the value is not a time. */
export function formatEditionDateTime(value: string, locale: string): { iso: string | undefined; text: string } {
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

/** A language's name in that language itself (`fa` → `فارسی`), for a language switcher. */
export function languageName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([usable(locale)], { type: 'language' }).of(locale);
    if (name && name !== locale) return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // fall through
  }
  return locale;
}
