/** Engine output normalised before it is stored: spaces collapsed, trimmed, moved out of placeholder edges; never `&#x20;` in the Markdown. */
import { describe, expect, it } from 'vitest';
import { reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { xmlCodec } from '../../src/markdown/placeholder-codec.ts';
import type { Placeholder } from '../../src/markdown/tokens.ts';
import { normaliseEngineOutput } from '../../src/mt/normalise-output.ts';

const normalise = (text: string, placeholders: Placeholder[] = []) => xmlCodec.encode(normaliseEngineOutput(xmlCodec.decode(text).tokens, placeholders));

describe('normaliseEngineOutput', () => {
  it.each([
    ['doubled spaces', 'Fomentamos  la   participación\tde todos.', 'Fomentamos la participación de todos.'],
    ['segment edges', '  Hola mundo. \n', 'Hola mundo.'],
    ['a space inside an opening edge goes before it', 'Hola <g id="1"> mundo</g>.', 'Hola <g id="1">mundo</g>.'],
    ['a space inside a closing edge goes after it', 'Hola <g id="1">mundo </g>y más.', 'Hola <g id="1">mundo</g> y más.'],
    ['both edges, no doubled space outside', 'a  <g id="1">  b  </g>  c', 'a <g id="1">b</g> c'],
    ['nested edges', '<g id="1"><g id="2"> Fomentamos la paz </g></g>', '<g id="1"><g id="2">Fomentamos la paz</g></g>'],
    ['nested edges inside the segment', 'x<g id="1"><g id="2"> y </g></g>z', 'x <g id="1"><g id="2">y</g></g> z'],
    ['spaces around a line break', 'primera línea \n  segunda línea', 'primera línea\nsegunda línea'],
    ['standalone placeholders keep their spaces', 'ver <x id="1"/> y <x id="2"/>', 'ver <x id="1"/> y <x id="2"/>'],
    ['non-breaking spaces are kept', 'Bonjour\u00a0: le\u202fmonde', 'Bonjour\u00a0: le\u202fmonde'],
    ['tidy text is unchanged', 'Lisez <g id="1">le rapport</g>.', 'Lisez <g id="1">le rapport</g>.'],
  ])('%s', (_name, input, output) => {
    expect(normalise(input)).toBe(output);
  });

  it('takes the spaces off either side of a hard line break', () => {
    expect(normalise('Emitido por la oficina <x id="1"/> María', [{ id: 1, kind: 'break', paired: false }])).toBe('Emitido por la oficina<x id="1"/>María');
  });

  it('leaves nothing that the Markdown writer would escape as &#x20;', () => {
    const source = '> **We encourage** all. See *this*\n> and that.\n\n**Issued by the office**\\\nMara Lindqvist\n';
    const doc = segmentMarkdown(source);
    const engine = ['<g id="1"> Fomentamos</g>  todo. Ver <g id="2">esto </g>\n y aquello.', '<g id="1"> Emitido por la oficina </g><x id="2"/> Mara Lindqvist'];
    const raw = reassemble(doc, new Map(doc.segments.map((s, i) => [s.id, engine[i]!]))).markdown;
    expect(raw).toContain('&#x20;'); // what the engine's spaces became before
    const tidy = reassemble(doc, new Map(doc.segments.map((s, i) => [s.id, normalise(engine[i]!, s.placeholders)]))).markdown;
    expect(tidy).not.toContain('&#x20;');
    expect(tidy).not.toMatch(/\S {2,}\S/);
    expect(tidy).toBe('> **Fomentamos** todo. Ver *esto*\n> y aquello.\n\n**Emitido por la oficina**\\\nMara Lindqvist\n');
  });
});
