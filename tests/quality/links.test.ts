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

describe('links: URL schemes a published page drops', () => {
  const base = 'Read [the plan](https://example.org/plan) and ![the map](https://example.org/map.png).';

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4='])('a link to %s in the translation is fatal', (url) => {
    const findings = check(base, base.replace('https://example.org/plan', url));
    expect(findings[0]).toEqual({ key: 'links.unsafe', severity: 'fatal', args: { url, scheme: url.split(':')[0] } });
    // The source's URL is missing besides; the unsafe one is not reported twice.
    expect(findings.map((f) => f.key)).toEqual(['links.unsafe', 'links.missing']);
  });

  it('a data: image is fatal (the sanitiser keeps only http and https images); mailto, relative and fragment links pass', () => {
    expect(check(base, base.replace('https://example.org/map.png', 'data:image/png;base64,iVBORw0KGgo='))[0]).toMatchObject({ key: 'links.unsafe', severity: 'fatal', args: { scheme: 'data' } });
    const safe = '[a](mailto:press@example.org) [b](/fr/page) [c](#top) [d](http://example.org) [e](page.html?x=a:b)';
    expect(check(safe, safe)).toEqual([]);
    // mailto: is a link's scheme, not an image's.
    expect(check('![m](mailto:a@example.org)', '![m](mailto:a@example.org)')).toMatchObject([{ key: 'links.unsafe', args: { url: 'mailto:a@example.org' } }]);
  });

  it('a definition used by an image is checked as an image', () => {
    const text = '![map][m] and [site][s]\n\n[m]: data:image/png;base64,iVBORw0KGgo=\n[s]: mailto:a@example.org\n';
    expect(check(text, text)).toEqual([{ key: 'links.unsafe', severity: 'fatal', args: { url: 'data:image/png;base64,iVBORw0KGgo=', scheme: 'data' } }]);
  });

  it('a link target mapping to an unsafe URL is fatal', () => {
    const urlMap = { 'https://example.org/plan': 'javascript:alert(1)' };
    expect(check(base, base, urlMap)[0]).toEqual({ key: 'links.unsafe', severity: 'fatal', args: { url: 'javascript:alert(1)', scheme: 'javascript' } });
  });
});
