import { describe, expect, it } from 'vitest';
import { textDirection } from '../../src/publishing/text-direction.ts';

describe('textDirection', () => {
  it('takes the script a tag names, whatever its language', () => {
    expect(textDirection('ku-Arab')).toBe('rtl');
    expect(textDirection('pa-Arab')).toBe('rtl');
    expect(textDirection('sd-Deva')).toBe('ltr');
    expect(textDirection('ar-Latn')).toBe('ltr');
  });

  it('takes the likely script of a language (and region) otherwise', () => {
    for (const rtl of ['ar', 'ar-EG', 'fa', 'ur', 'he', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb', 'arz', 'syr', 'nqo']) expect(textDirection(rtl), rtl).toBe('rtl');
    for (const ltr of ['en', 'fr', 'es', 'ku', 'tr', 'zh-Hant', 'ja']) expect(textDirection(ltr), ltr).toBe('ltr');
  });

  it('knows deprecated codes and languages no list named', () => {
    expect(textDirection('iw')).toBe('rtl'); // canonicalised to he
    expect(textDirection('ji')).toBe('rtl'); // canonicalised to yi
    expect(textDirection('ku-IQ')).toBe('rtl'); // Kurdish in Iraq is written in Arabic script
    expect(textDirection('ks')).toBe('rtl'); // Kashmiri
  });

  it('is ltr for a tag it cannot read', () => {
    expect(textDirection('not a tag')).toBe('ltr');
    expect(textDirection('')).toBe('ltr');
  });
});
