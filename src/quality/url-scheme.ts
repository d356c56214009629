/**
 * Whether a URL survives in a published edition: the edition's HTML goes through
 * rehype-sanitize with its default schema (src/publishing/render-html.ts), which drops a
 * link's href unless its scheme is http, https, irc, ircs, mailto or xmpp, and an image's
 * src unless it is http or https (so `javascript:`, `vbscript:` and `data:` are dropped,
 * data: images included). A URL without a scheme (relative, `#fragment`) is kept. The
 * answer is the sanitiser's own, asked on a one-element tree, so the check and the page
 * cannot disagree.
 */
import type { Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';

export type UrlAttribute = 'href' | 'src';

const sanitizer = unified().use(rehypeSanitize).freeze();

/**
 * Answers by what the sanitiser looks at (a URL up to its first `:`, `/`, `?` or `#`), so
 * that a statement's hundred https links cost one run of the sanitiser, not a hundred.
 */
const answers = new Map<string, boolean>();

/** True when the sanitiser keeps `url` as a link's href (`href`) or an image's src (`src`). */
export function keptBySanitizer(url: string, attribute: UrlAttribute): boolean {
  const key = `${attribute} ${/^[^:/?#]*[:/?#]?/.exec(url)![0]}`;
  let kept = answers.get(key);
  if (kept === undefined) {
    const tree: Root = { type: 'root', children: [{ type: 'element', tagName: attribute === 'href' ? 'a' : 'img', properties: { [attribute]: url }, children: [] }] };
    const [element] = (sanitizer.runSync(tree) as Root).children;
    kept = element?.type === 'element' && typeof element.properties[attribute] === 'string';
    if (answers.size >= 1000) answers.clear();
    answers.set(key, kept);
  }
  return kept;
}

/** What comes before the first colon of a URL as written (`javascript`), for messages. */
export function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon < 0 ? '' : url.slice(0, Math.min(colon, 40)).trim();
}
