import { describe, expect, it } from 'vitest';
import { reassemble, segmentMarkdown, xliff2Codec, xmlCodec } from '../../src/markdown/index.ts';
import type { Token } from '../../src/markdown/index.ts';

const source = 'We *really* read [the **full** report](https://example.org/r) and `REF-1` today.\n';

function only(markdown: string) {
  const doc = segmentMarkdown(markdown);
  const segment = doc.segments.find((s) => s.kind === 'paragraph')!;
  return { doc, segment };
}

describe('placeholder codecs', () => {
  const tokens: Token[] = [
    { type: 'text', value: 'a < b & ' },
    { type: 'open', id: 1 },
    { type: 'text', value: 'c' },
    { type: 'close', id: 1 },
    { type: 'standalone', id: 2 },
  ];

  it('writes the xml form and reads it back', () => {
    const text = xmlCodec.encode(tokens);
    expect(text).toBe('a &lt; b &amp; <g id="1">c</g><x id="2"/>');
    expect(xmlCodec.decode(text)).toEqual({ tokens, problems: [] });
  });

  it('writes XLIFF 2 inline codes (pc, ph) and reads them back', () => {
    const text = xliff2Codec.encode(tokens);
    expect(text).toBe('a &lt; b &amp; <pc id="1">c</pc><ph id="2"/>');
    expect(xliff2Codec.decode(text)).toEqual({ tokens, problems: [] });
  });

  it('accepts the spellings engines send back', () => {
    expect(xmlCodec.decode(`<g id='1' >x</g><x id="2" /><x id="3"></x>`).tokens).toEqual([
      { type: 'open', id: 1 },
      { type: 'text', value: 'x' },
      { type: 'close', id: 1 },
      { type: 'standalone', id: 2 },
      { type: 'standalone', id: 3 },
    ]);
  });

  it('keeps a `<` that is not a placeholder as text', () => {
    expect(xmlCodec.decode('1 <2 and <b>').tokens).toEqual([{ type: 'text', value: '1 <2 and <b>' }]);
  });

  it('reports unclosed and stray closing tags', () => {
    expect(xmlCodec.decode('<g id="1">x').problems).toEqual([{ code: 'placeholder-unclosed', placeholderId: 1 }]);
    expect(xmlCodec.decode('x</g>').problems).toEqual([{ code: 'placeholder-stray-close', at: 1 }]);
  });
});

describe('segments', () => {
  it('turns inline markup into numbered placeholders', () => {
    const { segment } = only(source);
    expect(segment.text).toBe('We <g id="1">really</g> read <g id="2">the <g id="3">full</g> report</g> and <x id="4"/> today.');
    expect(segment.placeholders).toEqual([
      { id: 1, kind: 'emphasis', paired: true },
      { id: 2, kind: 'link', paired: true, display: 'https://example.org/r' },
      { id: 3, kind: 'strong', paired: true },
      { id: 4, kind: 'inlineCode', paired: false, display: 'REF-1' },
    ]);
  });

  it('never offers code, HTML, URLs or autolinks for translation', () => {
    const doc = segmentMarkdown('```js\nconst a = 1;\n```\n\n<div>html</div>\n\nSee <https://example.org> and www.example.com.\n\n[d]: https://example.org\n');
    expect(doc.segments.map((s) => s.text)).toEqual(['See <x id="1"/> and <x id="2"/>.']);
  });

  it('offers alt texts, titles and configured front matter keys', () => {
    const doc = segmentMarkdown('---\ntitle: T\nslug: keep-me\nsummary: S\n---\n\n![An alt](a.png "An image title") [x](u "A link title")\n\n[d]: https://e.org "A definition title"\n');
    expect(doc.segments.map((s) => [s.kind, s.path, s.text])).toEqual([
      ['frontmatter', '/0#yaml:title', 'T'],
      ['frontmatter', '/0#yaml:summary', 'S'],
      ['paragraph', '/1', '<x id="1"/> <g id="2">x</g>'],
      ['alt', '/1/0#alt', 'An alt'],
      ['title', '/1/0#title', 'An image title'],
      ['title', '/1/2#title', 'A link title'],
      ['title', '/2#title', 'A definition title'],
    ]);
    const custom = segmentMarkdown('---\ntitle: T\nslug: s\n---\n', { frontMatterKeys: ['slug'] });
    expect(custom.segments.map((s) => s.text)).toEqual(['s']);
  });
});

describe('reassembly findings', () => {
  const { doc, segment } = only(source);
  const with_ = (text: string) => reassemble(doc, { [segment.id]: text });

  it('accepts reordered placeholders', () => {
    const r = with_('Heute haben wir <g id="2">den <g id="3">ganzen</g> Bericht</g> <x id="4"/> <g id="1">wirklich</g> gelesen.');
    expect(r.findings).toEqual([]);
    expect(r.markdown).toBe('Heute haben wir [den **ganzen** Bericht](https://example.org/r) `REF-1` *wirklich* gelesen.\n');
  });

  it.each([
    ['missing', 'We read <g id="2">the <g id="3">full</g> report</g> and <x id="4"/> today.', [{ code: 'placeholder-missing', placeholderId: 1 }]],
    ['duplicated', 'We <g id="1">really</g> read <g id="2">the <g id="3">full</g> report</g> <x id="4"/> and <x id="4"/>.', [{ code: 'placeholder-duplicated', placeholderId: 4 }]],
    ['unknown', 'We <g id="1">really</g> read <g id="2">the <g id="3">full</g> report</g> and <x id="4"/> <x id="9"/>.', [{ code: 'placeholder-unknown', placeholderId: 9 }]],
    ['unclosed', 'We <g id="1">really read <g id="2">the <g id="3">full</g> report</g> and <x id="4"/> today.', [{ code: 'placeholder-unclosed', placeholderId: 1 }]],
    ['paired used as standalone', 'We <x id="1"/> read <g id="2">the <g id="3">full</g> report</g> and <x id="4"/> today.', [{ code: 'placeholder-kind', placeholderId: 1 }]],
  ])('reports a %s placeholder and keeps the source text', (_name, text, expected) => {
    const r = with_(text);
    expect(r.findings).toEqual(expected.map((e) => ({ ...e, segmentId: segment.id, usedSource: true })));
    expect(r.markdown).toBe(source);
    expect(r.translated).toEqual([]);
  });

  it('reports a link put inside another link', () => {
    const two = only('[one](https://a.example) and [two](https://b.example)\n');
    const r = reassemble(two.doc, { [two.segment.id]: '<g id="1">un <g id="2">deux</g></g> et' });
    expect(r.findings).toEqual([{ code: 'placeholder-nesting', placeholderId: 2, segmentId: two.segment.id, usedSource: true }]);
  });

  it('reports a missing translation and an empty one', () => {
    expect(reassemble(doc, {}).findings).toEqual([{ code: 'translation-missing', segmentId: segment.id, usedSource: true }]);
    expect(with_('<g id="1"> </g><g id="2"><g id="3"></g></g><x id="4"/>').findings).toEqual([
      { code: 'translation-empty', segmentId: segment.id, usedSource: true },
    ]);
  });

  it('drops white space at the edges that the source does not have', () => {
    expect(with_('  Nous <g id="1">vraiment</g> <g id="2">le <g id="3">rapport</g></g> <x id="4"/>.  ').markdown).toBe(
      'Nous *vraiment* [le **rapport**](https://example.org/r) `REF-1`.\n',
    );
  });
});

describe('references and single-line units', () => {
  it('names the label of a shortcut reference whose text is translated', () => {
    const doc = segmentMarkdown('Read [the report] now.\n\n[the report]: https://example.org\n');
    const r = reassemble(doc, { [doc.segments[0]!.id]: 'Lisez <g id="1">le rapport</g>.' });
    expect(r.markdown).toBe('Lisez [le rapport][the report].\n\n[the report]: https://example.org\n');
  });

  it('keeps ATX headings and table cells on one line, paragraphs in their container', () => {
    const doc = segmentMarkdown('## Title\n\n| a |\n| - |\n| b |\n\n> 1. one\n>    two\n');
    const t = new Map(doc.segments.map((s) => [s.id, `${s.text}\nline`]));
    expect(reassemble(doc, t).markdown).toBe('## Title line\n\n| a line |\n| - |\n| b line |\n\n> 1. one\n>    two\n>    line\n');
  });
});
