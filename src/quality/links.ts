/**
 * `links`: the edition links where its source links. Every URL of a link, image or
 * definition in the source must be in the edition (fatal when missing: a press statement
 * pointing at the wrong page, or nowhere, is an error), after replacing it through the
 * locale's `urlMap` where that has an entry (the French page of a report for a French
 * edition). Absolute URLs compare as parsed URLs (`https://example.org` equals
 * `https://example.org/`); others as written. A URL in the edition that is neither in
 * the source nor among the urlMap's replacements is a warning. A URL in the edition, or a
 * urlMap replacement it should carry, that the published page's sanitiser would drop
 * (`javascript:`, `vbscript:`, `data:`, any scheme besides http, https, mailto, irc, ircs,
 * xmpp for links and http, https for images: url-scheme.ts) is fatal: the link would
 * silently vanish from the page.
 */
import type { Nodes } from 'mdast';
import { normaliseUrl } from '../markdown/url.ts';
import type { EditionRule, QualityFinding } from './types.ts';
import { keptBySanitizer, schemeOf, type UrlAttribute } from './url-scheme.ts';

export { normaliseUrl };

function urls(node: Nodes, out: string[] = []): string[] {
  if (node.type === 'link' || node.type === 'image' || node.type === 'definition') out.push(node.url);
  if ('children' in node) for (const child of node.children) urls(child, out);
  return out;
}

/** Every destination of the tree with the HTML attribute it becomes (a definition that an image uses is a `src`). */
function destinations(root: Nodes): [string, UrlAttribute][] {
  const images = new Set<string>();
  const collect = (node: Nodes) => {
    if (node.type === 'imageReference') images.add(node.identifier);
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(root);
  const out: [string, UrlAttribute][] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'link') out.push([node.url, 'href']);
    if (node.type === 'image') out.push([node.url, 'src']);
    if (node.type === 'definition') out.push([node.url, images.has(node.identifier) ? 'src' : 'href']);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(root);
  return out;
}

function mapped(url: string, urlMap: Readonly<Record<string, string>>, normalisedMap: ReadonlyMap<string, string>): string {
  return Object.hasOwn(urlMap, url) ? urlMap[url]! : (normalisedMap.get(normaliseUrl(url)) ?? url);
}

export const linksRule: EditionRule = {
  id: 'links',
  check(input) {
    const normalisedMap = new Map(Object.entries(input.urlMap).map(([from, to]) => [normaliseUrl(from), to]));
    const sourceUrls = [...new Set(urls(input.source))];
    const targetUrls = [...new Set(urls(input.target))];
    const inTarget = new Set(targetUrls.map(normaliseUrl));
    const known = new Set([...sourceUrls, ...Object.values(input.urlMap)].map(normaliseUrl));
    const findings: QualityFinding[] = [];
    const reported = new Set<string>();
    const unsafe = (url: string, attribute: UrlAttribute) => {
      if (keptBySanitizer(url, attribute) || reported.has(normaliseUrl(url))) return;
      reported.add(normaliseUrl(url));
      findings.push({ rule: 'links', severity: 'fatal', key: 'links.unsafe', args: { url, scheme: schemeOf(url) } });
    };
    for (const [url, attribute] of destinations(input.target)) unsafe(url, attribute);
    for (const [url, attribute] of destinations(input.source)) {
      const target = mapped(url, input.urlMap, normalisedMap);
      if (target !== url) unsafe(target, attribute);
    }
    for (const url of sourceUrls) {
      const expected = mapped(url, input.urlMap, normalisedMap);
      const key = normaliseUrl(expected);
      if (inTarget.has(key) || reported.has(key)) continue;
      reported.add(key);
      findings.push({ rule: 'links', severity: 'fatal', key: 'links.missing', args: { url: expected } });
    }
    for (const url of targetUrls) {
      const key = normaliseUrl(url);
      if (known.has(key) || reported.has(key)) continue;
      reported.add(key);
      findings.push({ rule: 'links', severity: 'warning', key: 'links.unexpected', args: { url } });
    }
    return findings;
  },
};
