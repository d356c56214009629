/**
 * The project's one XML writer: a document built as an xast tree (xastscript's `x`) is
 * serialised by xast-util-to-xml, which escapes every text and attribute value itself. Feeds,
 * the sitemap and the interchange formats (XLIFF, TMX, TBX, through safe-xml.ts) all go
 * through `xmlDocument`; nothing in the project escapes XML by hand.
 *
 * Before serialising, the tree is made safe for XML 1.0:
 * - characters XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; lone surrogates;
 *   U+FFFE, U+FFFF) are removed from text, CDATA and attribute values: no reader could take
 *   them back, and a document holding one is not XML;
 * - `]]>` in text (which xast-util-to-xml writes as it is, and which may not appear in
 *   content) becomes `]]` and a CDATA section holding `>`, and a CDATA section holding `]]>`
 *   is split in two: both read back as the same text.
 * - with `spaces` > 0, an element whose children are all elements gets them on lines of their
 *   own, indented; an element with text in it (mixed content) is left as it is.
 */
import type { Element, ElementContent, Root, RootContent } from 'xast';
import { toXml } from 'xast-util-to-xml';

export { x } from 'xastscript';
export type { Element, ElementContent } from 'xast';

const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character that may need dropping (a quick test before the exact pattern). */
const suspect = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** `value` without the characters XML 1.0 cannot carry. */
export function xmlChars(value: string): string {
  return suspect.test(value) ? value.replace(notXml, '') : value;
}

function safeText(value: string): ElementContent[] {
  if (!value.includes(']]>')) {
    const text = xmlChars(value);
    return text ? [{ type: 'text', value: text }] : [];
  }
  const parts = xmlChars(value).split(']]>');
  const out: ElementContent[] = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const text = last ? part : `${part}]]`;
    if (text) out.push({ type: 'text', value: text });
    if (!last) out.push({ type: 'cdata', value: '>' });
  });
  return out;
}

function safeCdata(value: string): ElementContent[] {
  // `a]]>b` → <![CDATA[a]]]]><![CDATA[>b]]>
  return xmlChars(value)
    .split(']]>')
    .map((part, i, all) => ({ type: 'cdata' as const, value: `${i > 0 ? '>' : ''}${part}${i < all.length - 1 ? ']]' : ''}` }));
}

function safeElement(e: Element, spaces: number, depth: number): Element {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.attributes ?? {})) if (v !== null && v !== undefined) attributes[k] = xmlChars(String(v));
  const children: ElementContent[] = [];
  for (const c of e.children) {
    if (c.type === 'element') children.push(safeElement(c, spaces, depth + 1));
    else if (c.type === 'text') children.push(...safeText(c.value));
    else if (c.type === 'cdata') children.push(...safeCdata(c.value));
    else children.push(c);
  }
  const indent = (d: number): ElementContent => ({ type: 'text', value: `\n${' '.repeat(spaces * d)}` });
  const elementOnly = children.length > 0 && children.every((c) => c.type === 'element');
  const laidOut = spaces > 0 && elementOnly ? [...children.flatMap((c) => [indent(depth + 1), c]), indent(depth)] : children;
  return { type: 'element', name: e.name, attributes, children: laidOut };
}

/**
 * `root` as an XML document: the declaration (UTF-8), the root element, a final newline.
 * `spaces`: indentation (2); 0 where white space between elements is content (TMX, XLIFF):
 * then the whole document is one line after the declaration.
 */
export function xmlDocument(root: Element, options: { spaces?: number } = {}): string {
  const spaces = options.spaces ?? 2;
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
      ...(spaces > 0 ? [{ type: 'text', value: '\n' } as RootContent] : []),
      safeElement(root, spaces, 0) as RootContent,
    ],
  };
  return `${toXml(tree, { closeEmptyElements: true, tightClose: true })}\n`;
}
