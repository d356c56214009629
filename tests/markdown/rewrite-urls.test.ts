/** Per-locale link targets rewrite URLs in place; segment ids and everything else stay. */
import { describe, expect, it } from 'vitest';
import { segmentMarkdown } from '../../src/markdown/index.ts';
import { rewriteUrls } from '../../src/markdown/rewrite-urls.ts';

const source = `# Partners

Read [the report](https://partner.example/report "Report") and see ![a chart](https://partner.example/chart.png).
A [reference link][r] and <https://partner.example/report> as an autolink.
[Elsewhere](https://other.example/) stays.

[r]: https://partner.example/about
`;

describe('rewriteUrls', () => {
  const map = new Map([
    ['https://partner.example/report', 'https://partner.example/fr/rapport'],
    ['https://partner.example/chart.png', 'https://partner.example/fr/graphique.png'],
    ['https://partner.example/about', 'https://partner.example/fr/a propos'],
  ]);
  const out = rewriteUrls(source, map);

  it('replaces inline links, images and definitions, and nothing else', () => {
    expect(out).toContain('[the report](https://partner.example/fr/rapport "Report")');
    expect(out).toContain('![a chart](https://partner.example/fr/graphique.png)');
    expect(out).toContain('[r]: https://partner.example/fr/a%20propos');
    expect(out).toContain('[Elsewhere](https://other.example/)');
    // An autolink shows its URL as its text: it becomes an autolink to the new URL.
    expect(out).toContain('<https://partner.example/fr/rapport> as an autolink');
    expect(out.split('\n').filter((l, i) => l !== source.split('\n')[i])).toHaveLength(3);
  });

  it('keeps every segment id and text', () => {
    const before = segmentMarkdown(source).segments.map((s) => [s.id, s.text]);
    const after = segmentMarkdown(out).segments.map((s) => [s.id, s.text]);
    expect(after).toEqual(before);
  });

  it('matches URLs as the links check does, and rewrites destinations written with entities or brackets', () => {
    const tricky = '[a](https://Partner.example/report) [b](<https://partner.example/chart.png>) [c](https://x.example/a&amp;b)\n';
    const rewritten = rewriteUrls(tricky, new Map([
      ['https://partner.example/report', 'https://p.example/fr'],
      ['https://partner.example/chart.png', 'https://p.example/fr.png'],
      ['https://x.example/a&b', 'https://x.example/fr'],
    ]));
    expect(rewritten).toBe('[a](https://p.example/fr) [b](https://p.example/fr.png) [c](https://x.example/fr)\n');
  });

  it('returns the text unchanged without targets', () => {
    expect(rewriteUrls(source, new Map())).toBe(source);
  });
});
