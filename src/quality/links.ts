/**
 * `links`: the edition links where its source links. Every URL of a link, image or
 * definition in the source must be in the edition (fatal when missing: a press statement
 * pointing at the wrong page, or nowhere, is an error), after replacing it through the
 * locale's `urlMap` where that has an entry (the French page of a report for a French
 * edition). Absolute URLs compare as parsed URLs (`https://example.org` equals
 * `https://example.org/`); others as written. A URL in the edition that is neither in
 * the source nor among the urlMap's replacements is a warning.
 */
import type { Nodes } from 'mdast';
import { normaliseUrl } from '../markdown/url.ts';
import type { EditionRule, QualityFinding } from './types.ts';

export { normaliseUrl };

function urls(node: Nodes, out: string[] = []): string[] {
  if (node.type === 'link' || node.type === 'image' || node.type === 'definition') out.push(node.url);
  if ('children' in node) for (const child of node.children) urls(child, out);
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
