/** The pages' messages (namespace `pages`) exist in every language with the same keys and the same {{placeholders}}. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uiLanguages } from '../../src/i18n.ts';

type Tree = { [key: string]: string | Tree };

const read = (lng: string) => JSON.parse(readFileSync(new URL(`../../locales/${lng}/pages.json`, import.meta.url), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const vars = (message: string) => [...message.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locales/*/pages.json', () => {
  const en = flatten(read('en'));

  it('is there for every language of the product', () => {
    expect(uiLanguages).toEqual(expect.arrayContaining(['en', 'fr', 'ar']));
  });

  it.each(uiLanguages.filter((l) => l !== 'en'))('has every message in %s, translated, with the same placeholders', (lng) => {
    const other = flatten(read(lng));
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, message] of en) {
      expect(vars(other.get(key)!), `${lng} ${key}`).toEqual(vars(message));
      expect(other.get(key)!.trim(), `${lng} ${key}`).not.toBe('');
    }
    // Translated, not copied: most messages differ from the English ones.
    const same = [...en].filter(([key, message]) => other.get(key) === message && vars(message).length < 2).length;
    expect(same / en.size).toBeLessThan(0.1);
  });
});
