import { describe, expect, it } from 'vitest';
import { untranslatedRule } from '../../src/quality/index.ts';
import { brief, doNotTranslate, preferred, segmentInput, type InputOptions } from './support.ts';

const check = (source: string, target: string, options: InputOptions = {}) => brief(untranslatedRule.check(segmentInput(source, target, options)));
const identical = [{ key: 'untranslated.identical', severity: 'warning', args: {} }];

describe('untranslated', () => {
  it('warns about a translation identical to its source', () => {
    expect(check('The ministry announced new measures today.', 'The ministry announced new measures today.')).toEqual(identical);
    expect(check('The ministry announced new measures.', 'The ministry announced new measures.', { to: 'ar' })).toEqual(identical);
    expect(check('Gaza', 'Gaza')).toEqual(identical);
  });

  it('ignores placeholders and surrounding white space', () => {
    expect(check('<g id="1">The ministry</g> announced <x id="2"/> today.', '  The ministry announced <x id="2"/>   today.\n')).toEqual(identical);
  });

  it('passes a translation', () => {
    expect(check('The ministry announced new measures.', 'Le ministère a annoncé de nouvelles mesures.')).toEqual([]);
    expect(check('The ministry announced new measures.', 'أعلنت الوزارة عن إجراءات جديدة.', { to: 'ar' })).toEqual([]);
  });

  it('is silent between locales of the same language', () => {
    expect(check('The ministry announced new measures.', 'The ministry announced new measures.', { from: 'en-US', to: 'en-GB' })).toEqual([]);
  });

  it('exempts what stays the same in every language', () => {
    const same = (text: string, options: InputOptions = {}) => check(text, text, options);
    expect(same('2024 – 2025')).toEqual([]);
    expect(same('<x id="1"/>')).toEqual([]);
    expect(same('UNHCR, WFP 2024')).toEqual([]);
    expect(same('COVID-19')).toEqual([]);
    expect(same('https://example.org/report press@example.org')).toEqual([]);
    expect(same('www.example.org')).toEqual([]);
    expect(same('Oui')).toEqual([]);
    expect(same('Médecins Sans Frontières', { glossary: [doNotTranslate('Médecins Sans Frontières')] })).toEqual([]);
    expect(same('Gaza', { glossary: [preferred('Gaza', 'Gaza')] })).toEqual([]);
  });

  it('still warns when words remain beside the exempt tokens', () => {
    expect(check('Médecins Sans Frontières says', 'Médecins Sans Frontières says', { glossary: [doNotTranslate('Médecins Sans Frontières')] })).toEqual(identical);
  });
});
