/**
 * locales/<lng>/edition.json: the same keys with the same {{vars}} in en, fr and ar, and
 * every label the publishing code asks for is there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uiLanguages } from '../../src/i18n.ts';

type Tree = { [key: string]: string | Tree };
const read = (lng: string) => JSON.parse(readFileSync(new URL(`../../locales/${lng}/edition.json`, import.meta.url), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const vars = (m: string) => [...m.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]).sort();
const en = flatten(read('en'));

describe('locales/*/edition.json', () => {
  // Every interface language (each directory under locales/): fr, ar, es, fa…
  it.each(uiLanguages.filter((l) => l !== 'en'))('%s has every English key with the same placeholders, and nothing left in English', (lng) => {
    const other = flatten(read(lng));
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, message] of en) {
      expect(vars(other.get(key)!), `${lng} ${key}`).toEqual(vars(message));
      expect(other.get(key), `${lng} ${key}`).not.toBe(message);
    }
  });

  it('has every label that src/publishing uses', () => {
    const dir = new URL('../../src/publishing/', import.meta.url);
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const m of text.matchAll(/labels(?:\(|, )'([\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThanOrEqual(15);
    for (const key of used) expect(en.get(key), key).toBeTruthy();
  });
});
