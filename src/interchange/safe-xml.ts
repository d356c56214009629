/**
 * XML read as trees with xml-js (the parser under the `xliff` package), safely (and written
 * by the project's one XML writer, src/xml-writer.ts, from the same trees):
 * malformed XML is refused with the line and column of its first error (xml_malformed: a strict
 * pass of sax, xml-js's own parser, first, since xml-js reports only the last of several errors
 * and lets some through, such as a repeated attribute); a DOCTYPE with an internal
 * subset (entity declarations: billion laughs, external entities) is refused
 * (xml_doctype_refused) before any entity is met; a DOCTYPE that only names a DTD (as
 * translate-toolkit writes) is accepted and its DTD never read. Entities other than XML's five
 * and character references are errors (xml-js's sax, strict).
 */
import sax from 'sax';
import { xml2js, type Element } from 'xml-js';
import { DomainError } from '../errors.ts';
import { xmlDocument, type ElementContent as XastContent } from '../xml-writer.ts';

export type { Element };

/** sax's message: "…\nLine: 0\nColumn: 7\nChar: >", line counted from 0. */
function malformed(message: string): DomainError {
  const m = /^([\s\S]*?)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  const problem = (m ? m[1]! : message).trim();
  const line = m ? Number(m[2]) + 1 : 1;
  const column = m ? Number(m[3]) : 1;
  return new DomainError('xml_malformed', `Not well-formed XML at line ${line}, column ${column}: ${problem}`, { line, column, problem });
}

function refuseInternalSubset(doctype: string): void {
  if (doctype.includes('[')) {
    throw new DomainError('xml_doctype_refused', 'A DOCTYPE with an internal subset (entity declarations) is refused: entities are never expanded', { doctype: doctype.slice(0, 200) });
  }
}

/** sax, strict, stopping at the first error (and at a DOCTYPE with an internal subset). */
function checkWellFormed(xml: string): void {
  const parser = sax.parser(true, { xmlns: false });
  let roots = 0;
  let depth = 0;
  parser.onerror = (error) => {
    throw malformed(error.message);
  };
  parser.ondoctype = refuseInternalSubset;
  parser.onopentag = () => {
    if (depth++ === 0 && ++roots > 1) throw malformed(`More than one root element\nLine: ${parser.line}\nColumn: ${parser.column}`);
  };
  parser.onclosetag = () => {
    depth--;
  };
  parser.write(xml).close();
}

/**
 * The document's tree (non-compact form: `elements`, `attributes`, `text`). `keepSpaces`: white
 * space between elements stays as text nodes (TMX's <seg>, where it is content).
 */
export function parseXml(xml: string, options: { keepSpaces?: boolean } = {}): Element {
  checkWellFormed(xml);
  try {
    return xml2js(xml, {
      compact: false,
      ...(options.keepSpaces ? { captureSpacesBetweenElements: true } : {}),
      doctypeFn: (value: string) => {
        refuseInternalSubset(value);
        return value;
      },
    }) as Element;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw malformed((error as Error).message);
  }
}

/** Child elements of `e`, by name when given. */
export function childElements(e: Element | undefined, name?: string): Element[] {
  return (e?.elements ?? []).filter((c) => c.type === 'element' && (name === undefined || c.name === name));
}

/** The text inside `e` (its text and CDATA, at any depth). */
export function textOf(e: Element | undefined): string {
  let out = '';
  for (const c of e?.elements ?? []) {
    if (c.type === 'text') out += String(c.text ?? '');
    else if (c.type === 'cdata') out += String(c.cdata ?? '');
    else if (c.type === 'element') out += textOf(c);
  }
  return out;
}

/** An element node. */
export function el(name: string, attributes: Record<string, string> = {}, children: Element[] = []): Element {
  return { type: 'element', name, ...(Object.keys(attributes).length > 0 ? { attributes } : {}), elements: children };
}

/** A text node. */
export function txt(text: string): Element {
  return { type: 'text', text };
}

/** An xml-js tree as xast, for the project's XML writer. */
function toXast(e: Element): XastContent | undefined {
  switch (e.type) {
    case 'element':
      return {
        type: 'element',
        name: String(e.name),
        attributes: Object.fromEntries(Object.entries(e.attributes ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])),
        children: (e.elements ?? []).map(toXast).filter((c): c is XastContent => c !== undefined),
      };
    case 'text':
      return { type: 'text', value: String(e.text ?? '') };
    case 'cdata':
      return { type: 'cdata', value: String(e.cdata ?? '') };
    default:
      return undefined;
  }
}

/**
 * The document `root` as XML text, with its declaration, written by the project's one XML
 * writer (src/xml-writer.ts: escaping, characters XML 1.0 cannot carry dropped). `spaces`:
 * indentation (2); 0 where white space between elements is content (TMX).
 */
export function buildXml(root: Element, options: { spaces?: number } = {}): string {
  const tree = toXast(root);
  if (tree?.type !== 'element') throw new TypeError('buildXml: the root must be an element');
  return xmlDocument(tree, options);
}
