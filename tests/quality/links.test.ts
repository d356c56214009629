import { describe, expect, it } from 'vitest';
import { linksRule } from '../../src/quality/index.ts';
import { brief, editionInput } from './support.ts';

const check = (source: string, target: string, urlMap: Record<string, string> = {}) => brief(linksRule.check(editionInput(source, target, { urlMap })));

const source = [
  'Read [the report](https://example.org/report) and see ![the map](img/map.png "Map").',
  '',
  'Details on [our site][site] and at https://example.org.',
  '',
  '[site]: https://example.org/about',
  '',
].join('\n');

describe('links', () => {
  it('passes when every URL is kept', () => {
    const target = source.replace('Read', 'Lisez').replace('the report', 'le rapport').replace('our site', 'notre site');
    expect(check(source, target)).toEqual([]);
  });

  it('compares absolute URLs as parsed URLs', () => {
    expect(check('[home](https://Example.org)', '[accueil](https://example.org/)')).toEqual([]);
    expect(check('[a](https://example.org:443/a)', '[a](https://example.org/a)')).toEqual([]);
  });

  it('reports a missing URL (fatal), images and definitions included', () => {
    expect(check(source, source.replace('(https://example.org/report)', '(https://example.org/rapport)'))).toEqual([
      { key: 'links.missing', severity: 'fatal', args: { url: 'https://example.org/report' } },
      { key: 'links.unexpected', severity: 'warning', args: { url: 'https://example.org/rapport' } },
    ]);
    expect(check(source, source.replace('img/map.png', 'img/carte.png'))).toEqual([
      { key: 'links.missing', severity: 'fatal', args: { url: 'img/map.png' } },
      { key: 'links.unexpected', severity: 'warning', args: { url: 'img/carte.png' } },
    ]);
    expect(check(source, source.replace('[site]: https://example.org/about', '[site]: https://example.org/a-propos'))[0]).toEqual({
      key: 'links.missing',
      severity: 'fatal',
      args: { url: 'https://example.org/about' },
    });
  });

  it('expects the urlMap’s replacement, and accepts it', () => {
    const urlMap = { 'https://example.org/report': 'https://example.org/fr/rapport' };
    expect(check(source, source.replace('https://example.org/report', 'https://example.org/fr/rapport'), urlMap)).toEqual([]);
    expect(check(source, source, urlMap)).toEqual([{ key: 'links.missing', severity: 'fatal', args: { url: 'https://example.org/fr/rapport' } }]);
  });

  it('warns about a URL in neither the source nor the urlMap', () => {
    expect(check('Read [this](https://example.org/a).', 'Lisez [ceci](https://example.org/a) et [cela](https://evil.example/b).')).toEqual([
      { key: 'links.unexpected', severity: 'warning', args: { url: 'https://evil.example/b' } },
    ]);
  });
});
