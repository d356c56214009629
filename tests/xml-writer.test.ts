/**
 * The project's one XML writer (xast-util-to-xml under a pass that makes any tree XML 1.0):
 * hostile text and attribute values read back the same through the strict reader, the
 * characters XML 1.0 forbids are dropped, and indentation never touches mixed content.
 */
import { describe, expect, it } from 'vitest';
import { childElements, parseXml, textOf } from '../src/interchange/safe-xml.ts';
import { x, xmlChars, xmlDocument } from '../src/xml-writer.ts';

const forbidden = '\u0000\u0001\u0008\u000B\u000C\u000E\u001F\uFFFE\uFFFF\uDFFF\uD800';
const hostile = `]]> & &amp; < > " ' ]]]]>> ${forbidden}<![CDATA[ x ]]> tab\there\nline 🙂`;
const kept = `]]> & &amp; < > " ' ]]]]>> <![CDATA[ x ]]> tab\there\nline 🙂`;

describe('xmlDocument', () => {
  it('writes hostile text, CDATA and attribute values so that the strict reader takes them back', () => {
    const tree = x('doc', { a: hostile.replace(/[\t\n]/g, ' ') }, [x('t', hostile), x('c', [{ type: 'cdata', value: hostile }]), x('m', ['mixed ', x('b', hostile), ' end'])]);
    for (const spaces of [0, 2]) {
      const xml = xmlDocument(tree, { spaces });
      expect(xml).toMatch(spaces ? /^<\?xml version="1.0" encoding="UTF-8"\?>\n<doc / : /^<\?xml version="1.0" encoding="UTF-8"\?><doc /);
      const doc = parseXml(xml).elements!.find((e) => e.type === 'element')!;
      expect(doc.attributes?.a).toBe(kept.replace(/[\t\n]/g, ' '));
      expect(textOf(childElements(doc, 't')[0])).toBe(kept);
      expect(textOf(childElements(doc, 'c')[0])).toBe(kept);
      expect(textOf(childElements(doc, 'm')[0])).toBe(`mixed ${kept} end`);
    }
  });

  it('drops exactly the characters XML 1.0 cannot carry, and keeps surrogate pairs, tab, LF and CR', () => {
    expect(xmlChars(`a${forbidden}b\t\n\r🙂\uE000\uFFFD`)).toBe('ab\t\n\r🙂\uE000\uFFFD');
  });

  it('indents element-only content and leaves mixed content as it is', () => {
    const xml = xmlDocument(x('r', [x('a', 'one'), x('m', ['x ', x('b'), ' y']), x('e')]));
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r>\n  <a>one</a>\n  <m>x <b/> y</m>\n  <e/>\n</r>\n');
    expect(xmlDocument(x('r', [x('a', 'one')]), { spaces: 0 })).toBe('<?xml version="1.0" encoding="UTF-8"?><r><a>one</a></r>\n');
  });
});
