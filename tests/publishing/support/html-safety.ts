/**
 * What a browser would make of a page, checked for anything that can run script: the HTML
 * is parsed with parse5 (as a document, with scripting on and off, template contents
 * included) and every element and attribute is inspected.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { parse, type DefaultTreeAdapterTypes as P } from 'parse5';

const forbiddenElements = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'meta', 'base', 'style', 'link',
  'svg', 'math', 'noscript', 'template', 'xmp', 'noembed', 'textarea', 'select', 'button', 'isindex',
]);

/** Every element the sanitiser and the page frame may produce, and what the parser adds. */
const allowedElements = new Set([
  'html', 'head', 'body', 'article', 'aside', 'footer', 'time', 'bdi',
  'a', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'section', 'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'tt', 'ul', 'var',
]);

const urlAttributes = new Set([
  'href', 'src', 'action', 'formaction', 'poster', 'background', 'cite', 'data', 'longdesc', 'codebase', 'dynsrc',
  'lowsrc', 'ping', 'manifest', 'icon', 'profile', 'usemap', 'classid', 'archive', 'xlink:href', 'srcset',
]);

const safeSchemes = new Set(['http', 'https', 'mailto', 'irc', 'ircs', 'xmpp']);

/** Character references decoded (again: a value may have been escaped twice). */
function decodeReferences(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    const decoded = decodeNamedCharacterReference(ref);
    return decoded === false ? whole : decoded;
  });
}

/** A URL as a browser reads its scheme: no ASCII whitespace or controls anywhere, any case. */
export function normalizedUrl(value: string): string {
  let v = value;
  for (let i = 0; i < 3; i++) v = decodeReferences(v);
  return v.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
}

function urlProblem(name: string, value: string): string | undefined {
  // srcset: comma-separated candidates, each a URL and a descriptor.
  const candidates = name === 'srcset' ? [value, ...value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '')] : [value];
  for (const candidate of candidates) {
    const url = normalizedUrl(candidate);
    if (/^(javascript|vbscript|data):/.test(url)) return `dangerous scheme in ${JSON.stringify(value)}`;
    const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
    if (scheme && !safeSchemes.has(scheme)) return `unexpected scheme ${scheme} in ${JSON.stringify(value)}`;
  }
  return undefined;
}

function attributeName(a: P.Element['attrs'][number]): string {
  return (a.prefix ? `${a.prefix}:${a.name}` : a.name).toLowerCase();
}

function inspect(node: P.Node, problems: string[]): void {
  if ('tagName' in node) {
    const tag = node.tagName.toLowerCase();
    if (forbiddenElements.has(tag)) problems.push(`<${tag}> element`);
    else if (!allowedElements.has(tag)) problems.push(`unexpected <${tag}> element`);
    for (const a of node.attrs) {
      const name = attributeName(a);
      if (name.startsWith('on')) problems.push(`<${tag} ${name}> event handler`);
      if (name === 'srcdoc' || name === 'formaction' || name === 'style') problems.push(`<${tag} ${name}> attribute`);
      if (urlAttributes.has(name) || name.endsWith(':href')) {
        const problem = urlProblem(name, a.value);
        if (problem) problems.push(`<${tag} ${name}>: ${problem}`);
      }
    }
    if (tag === 'template') inspect((node as P.Template).content, problems);
  }
  if ('childNodes' in node) for (const child of node.childNodes) inspect(child, problems);
}

/** What in this HTML could run script or navigate somewhere dangerous (empty when nothing). */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  for (const scriptingEnabled of [true, false]) inspect(parse(html, { scriptingEnabled }), problems);
  return [...new Set(problems)];
}

/** The text a reader sees in the page (scripting on), character references decoded. */
export function visibleText(html: string): string {
  const out: string[] = [];
  const walk = (node: P.Node) => {
    if (node.nodeName === '#text') out.push((node as P.TextNode).value);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parse(html));
  return out.join('');
}
