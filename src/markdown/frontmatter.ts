/**
 * YAML front matter: which keys are translatable, their values, and replacing a value in
 * the YAML text without touching the rest (comments, order, quoting of other keys).
 */
import { isScalar, parseDocument, stringify } from 'yaml';

export const defaultTranslatableKeys = ['title', 'subtitle', 'summary', 'description', 'excerpt'] as const;

export interface FrontMatterValue {
  /** Dotted key path, e.g. `title` or `seo.description`. */
  key: string;
  value: string;
  /** Offsets of the scalar in the YAML text. */
  range: [number, number];
}

/** String values of the translatable keys, in the order they appear in the YAML. */
export function translatableValues(yamlText: string, keys: readonly string[]): FrontMatterValue[] {
  const doc = parseDocument(yamlText, { keepSourceTokens: false });
  if (doc.errors.length > 0) return [];
  const out: FrontMatterValue[] = [];
  for (const key of keys) {
    const node = doc.getIn(key.split('.'), true);
    if (isScalar(node) && typeof node.value === 'string' && node.range && node.value.trim() !== '') {
      out.push({ key, value: node.value, range: [node.range[0], node.range[1]] });
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/** The YAML text with the given keys' values replaced, everything else byte-identical. */
export function replaceValues(yamlText: string, keys: readonly string[], values: ReadonlyMap<string, string>): string {
  const targets = translatableValues(yamlText, keys).filter((v) => values.has(v.key));
  let out = yamlText;
  for (const t of [...targets].reverse()) {
    // A block scalar's range takes in its last line break: keep it.
    const trailing = /\s*$/.exec(out.slice(t.range[0], t.range[1]))![0];
    out = out.slice(0, t.range[0]) + yamlScalar(values.get(t.key)!) + trailing + out.slice(t.range[1]);
  }
  return out;
}

/** A single-line YAML scalar for a string: plain where YAML allows, else double-quoted. */
function yamlScalar(value: string): string {
  const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return plain.includes('\n') ? JSON.stringify(value) : plain;
}

/** Front matter keys that name the document's language: an edition says its own locale there. */
export const defaultLocaleKeys = ['lang', 'language', 'locale'] as const;

/**
 * The Markdown with each locale key of its YAML front matter (`lang: en`, dotted paths
 * allowed) saying `locale`; everything else byte-identical. Only string values are replaced
 * (a list or a mapping under such a key is left alone); a document without front matter, or
 * whose values already say `locale`, comes back unchanged.
 */
export function withFrontMatterLocale(markdown: string, locale: string, keys: readonly string[] = defaultLocaleKeys): string {
  if (keys.length === 0) return markdown;
  // remark-frontmatter's fences: `---` on the first line, and the next line that is `---`.
  const open = /^---[ \t]*\r?\n/.exec(markdown);
  if (!open) return markdown;
  const start = open[0].length;
  const close = /^---[ \t]*\r?$/m.exec(markdown.slice(start));
  if (!close || close.index === 0) return markdown;
  const end = start + close.index - (markdown[start + close.index - 2] === '\r' ? 2 : 1);
  const yamlText = markdown.slice(start, end);
  const differing = translatableValues(yamlText, keys).filter((v) => v.value !== locale).map((v) => v.key);
  if (differing.length === 0) return markdown;
  const replaced = replaceValues(yamlText, differing, new Map(differing.map((k) => [k, locale])));
  return markdown.slice(0, start) + replaced + markdown.slice(end);
}
