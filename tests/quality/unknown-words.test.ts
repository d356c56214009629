import { describe, expect, it } from 'vitest';
import { unknownWordsRule } from '../../src/quality/index.ts';
import { brief, doNotTranslate, segmentInput } from './support.ts';

const check = (target: string, unknownWords: string[] | undefined, glossary = [doNotTranslate('Lake Virrin')]) =>
  brief(unknownWordsRule.check({ ...segmentInput('x', target, { to: 'es', glossary }), ...(unknownWords ? { machine: { unknownWords } } : {}) }));

describe('unknown-words', () => {
  it('names the words the engine left untranslated while the text still has them', () => {
    expect(check('Su postura unwavering y un bursary en el 2,000th', ['unwavering', 'bursary', 'th'])).toEqual([
      { key: 'unknown-words.left', severity: 'warning', args: { words: 'unwavering, bursary, th', count: 3 } },
    ]);
  });

  it('says nothing once the words are translated, for names, single letters and glossary words, or without a machine draft', () => {
    expect(check('Su postura firme y una beca', ['unwavering', 'bursary'])).toEqual([]);
    expect(check('Calloway y COYOE en Lake Virrin, debajo-16s', ['Calloway', 'COYOE', 'lake', 's'])).toEqual([]);
    expect(check('una postura unwavering', undefined)).toEqual([]);
    expect(check('la unwaveringly', ['unwavering'])).toEqual([]);
  });
});
