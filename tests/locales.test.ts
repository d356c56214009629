/**
 * Every stable code has an English message: codes double as i18n keys. And every interface
 * language (every directory under locales/, so a new one is checked without naming it here)
 * has every namespace English has, with the same keys and the same {{variables}}.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/errors.ts';
import { negotiateLanguage, translator, uiLanguages } from '../src/i18n.ts';
import type { FindingCode } from '../src/markdown/findings.ts';
import { textDirection } from '../src/publishing/text-direction.ts';

const root = new URL('../locales/', import.meta.url);
type Tree = { [key: string]: string | Tree };
const read = (file: string, lng = 'en') => JSON.parse(readFileSync(new URL(`${lng}/${file}`, root), 'utf8')) as Tree;
const filesOf = (lng: string) => readdirSync(new URL(`${lng}/`, root)).filter((f) => f.endsWith('.json')).sort();

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const vars = (m: string) => [...new Set([...m.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]!))].sort();

// Written out so that the compiler fails here when a finding code is added without a message.
const findingCodes: Record<FindingCode, true> = {
  'translation-missing': true, 'translation-empty': true, 'placeholder-missing': true, 'placeholder-duplicated': true,
  'placeholder-unknown': true, 'placeholder-kind': true, 'placeholder-nesting': true, 'placeholder-unclosed': true,
  'placeholder-stray-close': true,
};

/**
 * Namespaces in English only: findings.json is the Markdown core's messages for developers
 * (the CLI and the core's own tests); people see those findings through quality.json.
 */
const englishOnly = new Set(['findings.json']);

describe('locales/en', () => {
  it('has a message for every error code', () => {
    const messages = read('errors.json');
    for (const code of errorCodes) expect(messages[code], code).toBeTruthy();
  });

  it('has a message for every finding code', () => {
    const messages = read('findings.json');
    for (const code of Object.keys(findingCodes)) expect(messages[code], code).toBeTruthy();
  });
});

const others = uiLanguages.filter((l) => l !== 'en');

describe('every interface language (each directory under locales/)', () => {
  it('is offered: en, fr, ar, es and fa at least, each directory a language', () => {
    const directories = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect([...uiLanguages].sort()).toEqual(directories.sort());
    expect(uiLanguages).toEqual(expect.arrayContaining(['en', 'fr', 'ar', 'es', 'fa']));
    expect(textDirection('fa')).toBe('rtl');
    expect(textDirection('es')).toBe('ltr');
  });

  it('is negotiated from Accept-Language, a regional tag choosing its language', () => {
    expect(negotiateLanguage('es-MX')).toBe('es');
    expect(negotiateLanguage('es-419, en;q=0.5')).toBe('es');
    expect(negotiateLanguage('fa-IR')).toBe('fa');
    expect(negotiateLanguage('de, fa-AF;q=0.8, en;q=0.5')).toBe('fa');
    expect(negotiateLanguage('pt-BR')).toBe('en');
  });

  it.each(others)('%s has every namespace of English (but the English-only ones) and no other', (lng) => {
    expect(filesOf(lng)).toEqual(filesOf('en').filter((f) => !englishOnly.has(f)));
  });

  describe.each(others)('%s', (lng) => {
    it.each(filesOf('en').filter((f) => !englishOnly.has(f)))('%s: the same keys as English, each translated, with the same {{variables}}', (file) => {
      const en = flatten(read(file));
      const other = flatten(read(file, lng));
      expect([...other.keys()].sort(), `${lng}/${file}`).toEqual([...en.keys()].sort());
      for (const [key, message] of en) {
        const translated = other.get(key)!;
        expect(typeof translated, `${lng}/${file} ${key}`).toBe('string');
        expect(translated.trim(), `${lng}/${file} ${key}`).not.toBe('');
        expect(vars(translated), `${lng}/${file} ${key}`).toEqual(vars(message));
        // i18next's nesting ($t(ns:key)) must survive translation too.
        expect([...translated.matchAll(/\$t\(([^)]*)\)/g)].map((m) => m[1]), `${lng}/${file} ${key}`).toEqual([...message.matchAll(/\$t\(([^)]*)\)/g)].map((m) => m[1]));
      }
    });

    it('renders every error message in its own language, not English', () => {
      const en = translator('en');
      const t = translator(lng);
      const codes = errorCodes.filter((c) => c !== 'validation_failed');
      const same = codes.filter((c) => t(`errors:${c}`, {}) === en(`errors:${c}`, {}));
      expect(same, `${lng}: messages left in English`).toEqual([]);
    });
  });
});
