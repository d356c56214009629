/**
 * rehype plugin for right-to-left editions, run after the sanitiser: isolates the
 * left-to-right runs of text (ltr-runs.ts) in <bdi> so that numbers, acronyms and URLs
 * keep their order and do not pull neighbouring punctuation around; gives a link whose
 * text is mostly Latin `dir="auto"`; isolates an inline element whose whole text is
 * left-to-right as one. Never inside code, pre, kbd, samp, bdi, bdo or time, nor inside an
 * element whose direction is already set otherwise than rtl.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { ltrRuns, mostlyLtr, whollyLtr } from './ltr-runs.ts';

// <time> holds a date the locale's own formatter wrote: its order is right as it is.
const untouched = new Set(['code', 'pre', 'kbd', 'samp', 'bdi', 'bdo', 'time', 'script', 'style', 'textarea', 'svg', 'math']);
const inline = new Set([
  'a', 'abbr', 'b', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'tt', 'u', 'var',
]);

export default function rehypeIsolateLtr() {
  return (tree: Root): Root => {
    tree.children = isolateChildren(tree.children);
    return tree;
  };
}

function textOf(node: Element | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

// dir="ltr": a <bdi> alone guesses its direction from its first strong character, and a
// phone number (`+44 20 7946 0000`) has none, so it would still be laid out right to left.
const bdi = (children: ElementContent[]): Element => ({ type: 'element', tagName: 'bdi', properties: { dir: 'ltr' }, children });

function isolateChildren<T extends RootContent | ElementContent>(children: T[]): T[] {
  return children.flatMap((child): T[] => {
    if (child.type === 'text') return splitText(child.value) as T[];
    if (child.type !== 'element') return [child];
    const dir = child.properties.dir;
    if (dir !== undefined && dir !== 'rtl') return [child];
    const whole = textOf(child);
    if (child.tagName === 'a') {
      if (dir === undefined && mostlyLtr(whole)) {
        child.properties.dir = 'auto';
        return [child];
      }
    } else if (inline.has(child.tagName) && dir === undefined && whollyLtr(whole)) {
      return [bdi([child]) as T];
    }
    if (untouched.has(child.tagName)) return [child];
    child.children = isolateChildren(child.children);
    return [child];
  });
}

function splitText(value: string): ElementContent[] {
  const runs = ltrRuns(value);
  if (runs.length === 0) return [{ type: 'text', value }];
  const out: ElementContent[] = [];
  let at = 0;
  for (const [start, end] of runs) {
    if (start > at) out.push({ type: 'text', value: value.slice(at, start) });
    out.push(bdi([{ type: 'text', value: value.slice(start, end) }]));
    at = end;
  }
  if (at < value.length) out.push({ type: 'text', value: value.slice(at) });
  return out;
}
