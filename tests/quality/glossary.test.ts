import { describe, expect, it } from 'vitest';
import { glossaryRule } from '../../src/quality/index.ts';
import { brief, doNotTranslate, preferred, segmentInput, type InputOptions } from './support.ts';

const check = (source: string, target: string, options: InputOptions) => brief(glossaryRule.check(segmentInput(source, target, options)));

describe('glossary: do-not-translate terms', () => {
  const glossary = [doNotTranslate('UNICEF'), doNotTranslate('Go')];

  it('passes when the term is kept verbatim', () => {
    expect(check('UNICEF said on Monday', 'L’UNICEF a déclaré lundi', { glossary })).toEqual([]);
    expect(check('<g id="1">UNICEF</g> said', 'قالت <g id="1">UNICEF</g>', { glossary, to: 'ar' })).toEqual([]);
  });

  it('is fatal when the term was translated or its case changed', () => {
    expect(check('UNICEF said on Monday', 'L’Unicef a déclaré lundi', { glossary })).toEqual([
      { key: 'glossary.do-not-translate', severity: 'fatal', args: { term: 'UNICEF', expected: 'UNICEF' } },
    ]);
    expect(check('UNICEF said', 'قالت اليونيسف', { glossary, to: 'ar' })).toEqual([
      { key: 'glossary.do-not-translate', severity: 'fatal', args: { term: 'UNICEF', expected: 'UNICEF' } },
    ]);
  });

  it('looks for the term case-sensitively and as a whole word in the source', () => {
    expect(check('We go home', 'Nous rentrons', { glossary })).toEqual([]);
    expect(check('Gopher and UNICEFs', 'Gaufre', { glossary })).toEqual([]);
  });
});

describe('glossary: preferred target terms', () => {
  const strip = [preferred('Gaza Strip', 'bande de Gaza')];

  it('passes with the preferred term, matched case-insensitively', () => {
    expect(check('Aid to the gaza  strip', 'Aide à la Bande de Gaza', { glossary: strip })).toEqual([]);
  });

  it('warns when the preferred term is missing', () => {
    expect(check('Aid to the Gaza Strip', 'Aide au territoire', { glossary: strip })).toEqual([
      { key: 'glossary.preferred', severity: 'warning', args: { term: 'Gaza Strip', expected: 'bande de Gaza' } },
    ]);
  });

  it('accepts Arabic proclitics joined to the term', () => {
    const un = [preferred('United Nations', 'الأمم المتحدة')];
    for (const target of ['وقالت الأمم المتحدة', 'رسالة بالأمم المتحدة', 'رسالة للأمم المتحدة', 'والأمم المتحدة']) {
      expect(check('The United Nations said', target, { glossary: un, to: 'ar' }), target).toEqual([]);
    }
    expect(check('The United Nations said', 'قالت المنظمة الدولية', { glossary: un, to: 'ar' })).toEqual([
      { key: 'glossary.preferred', severity: 'warning', args: { term: 'United Nations', expected: 'الأمم المتحدة' } },
    ]);
  });

  it('checks Persian targets', () => {
    const tehran = [preferred('Tehran', 'تهران')];
    expect(check('Talks in Tehran', 'گفتگو در تهران', { glossary: tehran, to: 'fa' })).toEqual([]);
    // طهران, the Arabic spelling, looks like the name without being the agreed Persian one.
    expect(check('Talks in Tehran', 'گفتگو در طهران', { glossary: tehran, to: 'fa' })).toEqual([
      { key: 'glossary.unlisted-variant', severity: 'warning', args: { term: 'Tehran', expected: 'تهران', found: 'طهران' } },
    ]);
    expect(check('Talks in Tehran', 'گفتگو در پایتخت', { glossary: tehran, to: 'fa' })).toEqual([
      { key: 'glossary.preferred', severity: 'warning', args: { term: 'Tehran', expected: 'تهران' } },
    ]);
  });

  it('accepts listed variants, and only those', () => {
    const name = [preferred('Mohammed', 'Mohammed', ['Muhammad'])];
    expect(check('Mohammed said', 'Muhammad a dit', { glossary: name })).toEqual([]);
    expect(check('Mohammed said', 'Mohamed a dit', { glossary: name })).toEqual([
      { key: 'glossary.unlisted-variant', severity: 'warning', args: { term: 'Mohammed', expected: 'Mohammed / Muhammad', found: 'Mohamed' } },
    ]);
    // A look-alike is reported even next to an accepted spelling.
    expect(check('Mohammed said', 'Mohammed, ou Mouhammad, a dit', { glossary: name })).toEqual([
      { key: 'glossary.unlisted-variant', severity: 'warning', args: { term: 'Mohammed', expected: 'Mohammed / Muhammad', found: 'Mouhammad' } },
    ]);
  });

  it('takes an accented spelling for a look-alike, not a common word', () => {
    const gaza = [preferred('Gaza', 'Gaza')];
    expect(check('In Gaza', 'À Gazá', { glossary: gaza })).toEqual([
      { key: 'glossary.unlisted-variant', severity: 'warning', args: { term: 'Gaza', expected: 'Gaza', found: 'Gazá' } },
    ]);
    const paris = [preferred('Paris', 'Paris')];
    expect(check('Paris talks', 'Les parts des pourparlers de Paris', { glossary: paris })).toEqual([]);
  });

  it('ignores terms the source does not have', () => {
    expect(check('Aid to the region', 'Aide à la région', { glossary: strip })).toEqual([]);
  });
});
