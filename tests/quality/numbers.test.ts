import { describe, expect, it } from 'vitest';
import { digitValue, normaliseDigits } from '../../src/quality/digits.ts';
import { numbersRule } from '../../src/quality/index.ts';
import { asciiConvention, numberConvention, readNumbers } from '../../src/quality/number-format.ts';
import { brief, segmentInput, type InputOptions } from './support.ts';

const check = (source: string, target: string, options: InputOptions = {}) => brief(numbersRule.check(segmentInput(source, target, options)));
const NNBSP = '\u202F';

describe('digits of every script', () => {
  it('reads native digits generically', () => {
    expect(normaliseDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ०१२३४५६७८९ ০১২৩৪৫৬৭৮৯ ๐๑๒๓๔๕๖๗๘๙ ０１２３４５６７８９').text).toBe(
      '0123456789 0123456789 0123456789 0123456789 0123456789 0123456789',
    );
    expect(digitValue('𝟗'.codePointAt(0)!)).toBe(9); // mathematical bold, several runs of ten back to back
    expect(digitValue('a'.codePointAt(0)!)).toBeUndefined();
    expect(digitValue('²'.codePointAt(0)!)).toBeUndefined(); // a superscript is not a decimal digit
  });

  it('reads each locale’s separators', () => {
    const values = (text: string, locale: string) => readNumbers(text, numberConvention(locale)).map((n) => n.value);
    expect(values('1,234.5 and 12,34,567', 'en')).toEqual(['1234.5', '12', '34567']); // no Indian grouping in en: longest readable from the left
    expect(values('12,34,567.5', 'hi')).toEqual(['1234567.5']);
    expect(values(`1${NNBSP}234,5 et 1\u00A0000 et 2 500`, 'fr')).toEqual(['1234.5', '1000', '2500']);
    expect(values('1.234,5', 'de')).toEqual(['1234.5']);
    expect(values('١٬٢٣٤٫٥', 'ar')).toEqual(['1234.5']);
    expect(values('۱٬۲۳۴٫۵', 'fa')).toEqual(['1234.5']);
    expect(values('12.05.2024, v1.2.3', 'en')).toEqual(['12', '5', '2024', '1', '2', '3']);
    expect(values('en 2023 150 000 personnes', 'fr')).toEqual(['2023', '150000']);
    expect(readNumbers('٠٫٥٠ et 007', asciiConvention)).toEqual([
      { value: '0.5', spelling: '٠٫٥٠' },
      { value: '7', spelling: '007' },
    ]);
  });
});

describe('numbers', () => {
  const source = 'We delivered 1,234.5 tonnes to 12,000 families (50%) on 12 March 2024.';

  it('passes the same values written the target’s way, in Latin, Arabic, Persian and Devanagari digits', () => {
    expect(check(source, `Nous avons livré 1${NNBSP}234,5 tonnes à 12${NNBSP}000 familles (50${NNBSP}%) le 12 mars 2024.`)).toEqual([]);
    expect(check(source, 'سلّمنا ١٬٢٣٤٫٥ طن إلى ١٢٬٠٠٠ أسرة (٥٠٪) في ١٢ مارس ٢٠٢٤.', { to: 'ar' })).toEqual([]);
    expect(check(source, 'ما ۱٬۲۳۴٫۵ تن را در ۱۲ مارس ۲۰۲۴ به ۱۲٬۰۰۰ خانواده (۵۰٪) تحویل دادیم.', { to: 'fa' })).toEqual([]);
    expect(check(source, 'हमने १२ मार्च २०२४ को १२,००० परिवारों (५०%) को १,२३४.५ टन पहुँचाया।', { to: 'hi' })).toEqual([]);
    expect(check(source, '12 Mart 2024’te 12.000 aileye (%50) 1.234,5 ton teslim ettik.', { to: 'tr' })).toEqual([]);
  });

  it('accepts the plain ASCII form in any target, with a warning where its separators mean the other thing', () => {
    expect(check(source, 'Nous avons livré 1,234.5 tonnes à 12000 familles (50 %) le 12 mars 2024.')).toEqual([
      { key: 'numbers.misread', severity: 'warning', args: { value: '1,234.5', reads: '1.234 5', expected: `1${NNBSP}234,5` }, fix: `Nous avons livré 1${NNBSP}234,5 tonnes à 12000 familles (50 %) le 12 mars 2024.` },
    ]);
    expect(check(source, 'سلّمنا 1,234.5 طن إلى 12,000 أسرة (50%) في 12 مارس 2024.', { to: 'ar' })).toEqual([]);
  });

  it('warns about a number written with separators that read as another value in the target, with a fix by Intl.NumberFormat', () => {
    const fixed = '1200 voluntarios y <g id="1">12.500</g> personas; el 94,2% de ellos.';
    expect(check('Aid reached 1,200 volunteers and <g id="1">12,500</g> people; 94.2% of them.', '1,200 voluntarios y <g id="1">12,500</g> personas; el 94.2% de ellos.', { to: 'es' })).toEqual([
      { key: 'numbers.misread', severity: 'warning', args: { value: '1,200', reads: '1.2', expected: '1200' }, fix: fixed },
      { key: 'numbers.misread', severity: 'warning', args: { value: '12,500', reads: '12.5', expected: '12.500' }, fix: fixed },
      { key: 'numbers.misread', severity: 'warning', args: { value: '94.2', reads: '94 2', expected: '94,2' }, fix: fixed },
    ]);
    expect(check('Aid reached 1,200 volunteers and 12,500 people.', '1200 voluntarios y 12.500 personas.', { to: 'es' })).toEqual([]);
    expect(check('Aid reached 1,200 volunteers in 2024.', 'Aid reached 1,200 volunteers in 2024.', { to: 'en-GB' })).toEqual([]);
  });

  it('reads the source with the source locale’s conventions', () => {
    expect(check('Wir lieferten 1.234,5 Tonnen.', 'We delivered 1,234.5 tonnes.', { from: 'de', to: 'en' })).toEqual([]);
    expect(check('تم تسليم ١٬٢٣٤٫٥ طن', 'Nous avons livré 1 234,5 tonnes', { from: 'ar', to: 'fr' })).toEqual([]);
  });

  it('compares the numbers of dates, not month names', () => {
    expect(check('On 12/03/2024 and 3 May', 'Am 12.03.2024 und 3. Mai', { to: 'de' })).toEqual([]);
    expect(check('On 3 May 2024', 'Le 4 mai 2024')).toEqual([{ key: 'numbers.changed', severity: 'fatal', args: { value: '3', found: '4' } }]);
  });

  it('reports a missing number in the source’s spelling (fatal)', () => {
    expect(check('Aid reached 3 cities and 1,200 people.', 'L’aide a atteint 3 villes.')).toEqual([
      { key: 'numbers.missing', severity: 'fatal', args: { value: '1,200' } },
    ]);
    expect(check('Aid reached 3 cities and 1,200 people.', 'وصلت المساعدات إلى ٣ مدن.', { to: 'ar' })).toEqual([
      { key: 'numbers.missing', severity: 'fatal', args: { value: '1,200' } },
    ]);
  });

  it('reports a changed number (fatal), in Arabic, Persian and Devanagari digits', () => {
    expect(check('12,000 families', '١٣٬٠٠٠ أسرة', { to: 'ar' })).toEqual([{ key: 'numbers.changed', severity: 'fatal', args: { value: '12,000', found: '١٣٬٠٠٠' } }]);
    expect(check('50% of them', '۵۵٪ از آنها', { to: 'fa' })).toEqual([{ key: 'numbers.changed', severity: 'fatal', args: { value: '50', found: '۵۵' } }]);
    expect(check('in 2024', '२०२३ में', { to: 'hi' })).toEqual([{ key: 'numbers.changed', severity: 'fatal', args: { value: '2024', found: '२०२३' } }]);
  });

  it('counts values as a multiset', () => {
    expect(check('5 boys and 5 girls', '5 garçons et des filles')).toEqual([{ key: 'numbers.missing', severity: 'fatal', args: { value: '5' } }]);
  });

  it('warns about a number only in the translation', () => {
    expect(check('In March', 'En mars 2024')).toEqual([{ key: 'numbers.extra', severity: 'warning', args: { value: '2024' } }]);
  });

  it('ignores placeholder ids and what standalone placeholders stand for', () => {
    expect(check('Read <g id="1">report</g> <x id="2"/> of 2024', 'Lisez le <g id="1">rapport</g> <x id="2"/> de 2024')).toEqual([]);
    expect(check('<g id="12">Item</g> 5', '<g id="12">Élément</g> 5')).toEqual([]);
  });
});
