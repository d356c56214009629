/**
 * A bare URL, a `www.` domain or an e-mail address in the source keeps its form in a
 * translation's Markdown (a literal stays a literal, `<https://…>` stays in brackets), even
 * when the translation moves it; where its new neighbours would change what the literal takes
 * in, the link is still written so that it reads back the same.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.ts';
import { reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { visit } from 'unist-util-visit';
import type { Link } from 'mdast';

const source = 'Read www.example.org/rivers, https://example.org/data or <https://example.org/map>, and write to river@example.org.\n';
const linksOf = (markdown: string) => {
  const out: string[] = [];
  visit(parseMarkdown(markdown, null), 'link', (l: Link) => {
    out.push(l.url);
  });
  return out;
};

describe('autolinks keep their source form', () => {
  it('literals stay literals and bracketed ones stay bracketed, wherever the translation puts them', () => {
    const doc = segmentMarkdown(source);
    const [segment] = doc.segments;
    expect(segment!.text).toBe('Read <x id="1"/>, <x id="2"/> or <x id="3"/>, and write to <x id="4"/>.');
    const translated = reassemble(doc, new Map([[segment!.id, 'Escriba a <x id="4"/> y lea <x id="3"/>, <x id="1"/> o <x id="2"/>.']])).markdown;
    expect(translated).toBe('Escriba a river@example.org y lea <https://example.org/map>, www.example.org/rivers o https://example.org/data.\n');
    expect(linksOf(translated).sort()).toEqual(linksOf(source).sort());
  });

  it('a literal glued to a letter by the translation is still written as a link', () => {
    const doc = segmentMarkdown('See www.example.org/rivers today.\n');
    const translated = reassemble(doc, new Map([[doc.segments[0]!.id, 'Voir<x id="1"/>aujourd’hui.']])).markdown;
    expect(linksOf(translated)).toEqual(['http://www.example.org/rivers']);
  });
});
