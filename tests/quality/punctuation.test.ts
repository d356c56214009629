import { describe, expect, it } from 'vitest';
import { punctuationRule } from '../../src/quality/index.ts';
import { brief, segmentInput } from './support.ts';

const check = (target: string, to: string) => brief(punctuationRule.check(segmentInput('He said "no" today: why?', target, { to })));
const N = '\u202F';

describe('punctuation: French', () => {
  it('passes guillemets and no-break spaces, narrow or not', () => {
    expect(check(`Il a dit «${N}non${N}» aujourd’hui${N}: pourquoi${N}?`, 'fr')).toEqual([]);
    expect(check('Il a dit «\u00A0non\u00A0» aujourd’hui\u00A0: pourquoi\u00A0?!', 'fr-CA')).toEqual([]);
  });

  it('turns straight and English quotes into guillemets', () => {
    expect(check('Il a dit "non" hier.', 'fr')).toEqual([{ key: 'punctuation.fr-quotes', severity: 'warning', args: {}, fix: `Il a dit «${N}non${N}» hier.` }]);
    expect(check('Il a dit “ non ” hier.', 'fr-BE')).toEqual([{ key: 'punctuation.fr-quotes', severity: 'warning', args: {}, fix: `Il a dit «${N}non${N}» hier.` }]);
  });

  it('reports unpaired straight quotes without a fix', () => {
    expect(check('Un écran de 15" de large.', 'fr')).toEqual([{ key: 'punctuation.fr-quotes', severity: 'warning', args: {} }]);
  });

  it('puts a narrow no-break space inside guillemets and before ; : ! ?', () => {
    expect(check('Il a dit «non» : pourquoi? Attention; partez!', 'fr')).toEqual([
      { key: 'punctuation.fr-spacing', severity: 'warning', args: { marks: '« » : ? ; !' }, fix: `Il a dit «${N}non${N}»${N}: pourquoi${N}? Attention${N}; partez${N}!` },
    ]);
  });

  it('leaves times, URLs, entities and placeholder tags alone', () => {
    expect(check('Rendez-vous à 10:30 sur https://example.org/a?b=c:d ou mailto:presse@example.org.', 'fr')).toEqual([]);
    expect(check('Les <g id="1">données</g> &amp; <x id="2"/> de <g id="3">l’ONU</g>.', 'fr')).toEqual([]);
  });

  it('fixes across placeholder tags without touching them', () => {
    expect(check('<g id="1">Attention</g>: lisez "<g id="2">ceci</g>"', 'fr')).toEqual([
      { key: 'punctuation.fr-quotes', severity: 'warning', args: {}, fix: `<g id="1">Attention</g>${N}: lisez «${N}<g id="2">ceci</g>${N}»` },
      { key: 'punctuation.fr-spacing', severity: 'warning', args: { marks: ':' }, fix: `<g id="1">Attention</g>${N}: lisez «${N}<g id="2">ceci</g>${N}»` },
    ]);
  });
});

describe('punctuation: Arabic script', () => {
  it('passes Arabic marks', () => {
    expect(check('قال الوزير، إن المساعدات وصلت؛ فهل تكفي؟', 'ar')).toEqual([]);
  });

  it('replaces Latin , ; ? after Arabic words (Arabic)', () => {
    expect(check('قال الوزير, إن المساعدات وصلت; فهل تكفي?', 'ar')).toEqual([
      { key: 'punctuation.arabic-marks', severity: 'warning', args: { marks: ', ; ?' }, fix: 'قال الوزير، إن المساعدات وصلت؛ فهل تكفي؟' },
    ]);
  });

  it('replaces them in Persian and Urdu, across placeholder tags', () => {
    expect(check('چرا <g id="1">این اتفاق</g> افتاد?', 'fa')).toEqual([
      { key: 'punctuation.arabic-marks', severity: 'warning', args: { marks: '?' }, fix: 'چرا <g id="1">این اتفاق</g> افتاد؟' },
    ]);
    expect(check('وزیر, گفت', 'fa-AF')).toEqual([{ key: 'punctuation.arabic-marks', severity: 'warning', args: { marks: ',' }, fix: 'وزیر، گفت' }]);
    expect(check('کیا آپ آئیں گے ?', 'ur')).toEqual([{ key: 'punctuation.arabic-marks', severity: 'warning', args: { marks: '?' }, fix: 'کیا آپ آئیں گے ؟' }]);
  });

  it('leaves marks in numbers and Latin phrases alone', () => {
    expect(check('بلغ العدد ١,٥ مليون', 'ar')).toEqual([]);
    expect(check('شعار الحملة Hello, world? كما قيل', 'ar')).toEqual([]);
    expect(check('قال الوزير, UNICEF', 'ar')).toEqual([]);
  });
});

describe('punctuation: German', () => {
  it('passes „…“ and »…«', () => {
    expect(check('Er sagte „nein“ und »vielleicht«.', 'de')).toEqual([]);
  });

  it('turns "…" and “…” into „…“', () => {
    expect(check('Er sagte "nein" und “vielleicht”.', 'de-AT')).toEqual([
      { key: 'punctuation.de-quotes', severity: 'warning', args: { expected: '„…“' }, fix: 'Er sagte „nein“ und „vielleicht“.' },
    ]);
  });

  it('uses «…» in Switzerland', () => {
    expect(check('Er sagte "nein".', 'de-CH')).toEqual([{ key: 'punctuation.de-quotes', severity: 'warning', args: { expected: '«…»' }, fix: 'Er sagte «nein».' }]);
  });
});

describe('punctuation: Spanish', () => {
  it('passes questions and exclamations with their opening marks, mid-sentence too', () => {
    expect(check('¿Qué pasó? Si vienes, ¿me llamas? ¡Basta!', 'es')).toEqual([]);
    expect(check('¿De verdad?!', 'es-MX')).toEqual([]);
  });

  it('warns about a missing ¿ or ¡, without a fix', () => {
    expect(check('Qué pasó? Basta!', 'es')).toEqual([{ key: 'punctuation.es-inverted', severity: 'warning', args: { marks: '¿ ¡' } }]);
    expect(check('¿Qué pasó? ¿Y ahora? Y después?', 'es')).toEqual([{ key: 'punctuation.es-inverted', severity: 'warning', args: { marks: '¿' } }]);
  });
});

describe('punctuation: other languages', () => {
  it('has nothing to say about English', () => {
    expect(check('He said "no": why?', 'en')).toEqual([]);
  });
});
