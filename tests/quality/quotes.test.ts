import { describe, expect, it } from 'vitest';
import { quotesRule } from '../../src/quality/index.ts';
import { brief, segmentInput, type InputOptions } from './support.ts';

const check = (source: string, target: string, options: InputOptions = { to: 'es' }) => brief(quotesRule.check(segmentInput(source, target, options)));

describe('quotes', () => {
  it('passes quotations that enclose the same content', () => {
    expect(check('"Music is the one language," said Ilse Kørbeck.', '"La música es el lengua," dijo Ilse Kørbeck.')).toEqual([]);
    expect(check('The number of sites rated "good" rose.', 'El número de sitios valoró "bien" ascendió.')).toEqual([]);
    expect(check('He said “we <g id="1">will</g> stay”.', 'Il a dit « nous <g id="1">resterons</g> ».', { to: 'fr' })).toEqual([]);
    expect(check('Palestine’s people', 'El pueblo de Palestina')).toEqual([]);
  });

  it('warns when a quotation mark lost its partner or a quotation is missing (an engine moved the marks)', () => {
    expect(check('The number of sites rated "good" rose.', 'El número de los" sitios buenos de "las subió.')).toEqual([
      { key: 'quotes.count', severity: 'warning', args: { source: 1, target: 0 } },
    ]);
    expect(check('He said “no”.', 'Dijo no.')).toEqual([{ key: 'quotes.count', severity: 'warning', args: { source: 1, target: 0 } }]);
  });

  it('warns when a quotation encloses other content: placeholders, names or figures, the whole segment, far more or fewer words', () => {
    expect(check('Read “the <g id="1">full</g> report” now', 'Lea el informe “<g id="1">lleno</g>” ahora')).toEqual([]);
    expect(check('Read “the report” <g id="1">now</g>', 'Lea “el informe <g id="1">ahora</g>”')).toEqual([
      { key: 'quotes.moved', severity: 'warning', args: { source: 'the report', target: 'el informe ahora' } },
    ]);
    expect(check('The “Calloway” orchestra of Ostrand', 'La orquesta “Ostrand” de Calloway')).toEqual([
      { key: 'quotes.moved', severity: 'warning', args: { source: 'Calloway', target: 'Ostrand' } },
    ]);
    expect(check('“We stay here.”', '“Nos quedamos” aquí.')[0]).toMatchObject({ key: 'quotes.moved' });
    expect(check('a “good” site for all the people of the town', 'un “buen sitio para todas las personas del” pueblo')[0]).toMatchObject({ key: 'quotes.moved' });
  });

  it('warns when typographic marks became straight ones, with a fix', () => {
    expect(check('The “shameless” laws of Palestine’s rulers', 'Las leyes "desvergonzadas" de Palestine\'s')).toEqual([
      { key: 'quotes.ascii', severity: 'warning', args: { marks: '" → “ ”, \' → ’' }, fix: 'Las leyes “desvergonzadas” de Palestine’s' },
    ]);
    // French and German quotation marks are the punctuation rule's.
    expect(check('The “shameless” laws', 'Les lois "éhontées"', { to: 'fr' })).toEqual([]);
  });
});
