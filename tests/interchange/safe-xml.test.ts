/** The one XML home for TMX and TBX: attribute values written exactly, refusals with line and column. */
import { describe, expect, it } from 'vitest';
import { buildXml, childElements, el, parseXml, textOf, txt } from '../../src/interchange/safe-xml.ts';
import { buildTmx, parseTmx } from '../../src/interchange/tmx.ts';

describe('safe XML', () => {
  it.each(['say "hi"', 'a & b', '<x id="1"/>', 'a literal &quot; and &amp;', "it's"])('writes the attribute value %j so that it reads back the same', (value) => {
    const xml = buildXml(el('entry', { note: value }, [txt('t')]));
    const root = parseXml(xml);
    expect(root.elements?.find((e) => e.type === 'element')?.attributes?.note).toBe(value);
  });

  it('writes hostile text so that it reads back: markup, literal references, ]]>, and drops what XML 1.0 cannot carry', () => {
    const hostile = 'a literal &amp; and &lt; & < > ]]> "q" \'s\' \u0001\u0008\u000B\u001F\uFFFE\uD800 ok\tend';
    const kept = 'a literal &amp; and &lt; & < > ]]> "q" \'s\'  ok\tend';
    const root = el('entry', { note: hostile }, [txt(hostile), el('seg', {}, [txt(hostile)])]);
    for (const spaces of [0, 2]) {
      const doc = parseXml(buildXml(root, { spaces }));
      const entry = doc.elements!.find((e) => e.type === 'element')!;
      expect(entry.attributes?.note).toBe(kept);
      expect(textOf(entry.elements?.find((e) => e.type === 'text' || e.type === 'cdata') ? { elements: entry.elements.filter((e) => e.type !== 'element') } : undefined)).toBe(kept);
      expect(textOf(childElements(entry, 'seg')[0])).toBe(kept);
    }
  });

  it('keeps white space between elements only when asked (TMX segments)', () => {
    const xml = '<seg><ph x="1">a</ph> <ph x="2">b</ph></seg>';
    const count = (keep: boolean) => parseXml(xml, { keepSpaces: keep }).elements![0]!.elements!.length;
    expect([count(false), count(true)]).toEqual([2, 3]);
  });
});

describe('TMX through safe XML', () => {
  it('refuses an unclosed root with its line and column, and another root as not TMX', () => {
    expect(() => parseTmx('<?xml version="1.0"?>\n<tmx version="1.4"><body>')).toThrow(expect.objectContaining({ code: 'xml_malformed', details: expect.objectContaining({ line: 2 }) }));
    expect(() => parseTmx('<?xml version="1.0"?>\n<xliff version="2.0"/>')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('writes no indentation, so a segment reads back exactly, spaces between codes included', () => {
    const text = 'Read <g id="1">the report</g> <x id="2"/> now';
    const doc = parseTmx(buildTmx('en', 'fr', [{ sourceText: text, targetText: text }]));
    expect(doc.units[0]!.variants.map((v) => v.text)).toEqual([text, text]);
  });
});
