/** Every stable code has an English message: codes double as i18n keys. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/errors.ts';
import type { FindingCode } from '../src/markdown/findings.ts';

const read = (file: string, lng = 'en') => JSON.parse(readFileSync(new URL(`../locales/${lng}/${file}`, import.meta.url), 'utf8')) as Record<string, string>;

// Written out so that the compiler fails here when a finding code is added without a message.
const findingCodes: Record<FindingCode, true> = {
  'translation-missing': true, 'translation-empty': true, 'placeholder-missing': true, 'placeholder-duplicated': true,
  'placeholder-unknown': true, 'placeholder-kind': true, 'placeholder-nesting': true, 'placeholder-unclosed': true,
  'placeholder-stray-close': true,
};

describe('locales/en', () => {
  it('has a message for every error code', () => {
    const messages = read('errors.json');
    for (const code of errorCodes) expect(messages[code], code).toBeTruthy();
  });
  it.each(['fr', 'ar'])('has every error message in %s too, with the same placeholders', (lng) => {
    const en = read('errors.json');
    const other = read('errors.json', lng);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    const vars = (m: string) => [...m.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]).sort();
    for (const key of Object.keys(en)) expect(vars(other[key]!), `${lng} ${key}`).toEqual(vars(en[key]!));
  });

  it('has a message for every finding code', () => {
    const messages = read('findings.json');
    for (const code of Object.keys(findingCodes)) expect(messages[code], code).toBeTruthy();
  });
});
