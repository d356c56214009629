/**
 * Transfuse copies an inline element when the engine splits its words apart:
 * `<a>its third depot</a>` can come back as `<a>su</a> <a><b>tercer</b></a> <a>depósito</a>`.
 * The copies of one paired placeholder are merged back into one span, from the first
 * opening to the last closing, when that range is well nested. What cannot be merged is
 * left for the placeholder check to report.
 */
import type { Token } from '../../markdown/tokens.ts';
import { pushText } from '../../markdown/tokens.ts';

export function mergeSplitSpans(tokens: readonly Token[]): Token[] {
  let out = [...tokens];
  const counts = new Map<number, number>();
  for (const t of out) if (t.type === 'open') counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
  for (const [id, count] of counts) {
    if (count < 2) continue;
    const first = out.findIndex((t) => t.type === 'open' && t.id === id);
    const last = out.findLastIndex((t) => t.type === 'close' && t.id === id);
    if (first < 0 || last < first) continue;
    const inner = out.slice(first + 1, last).filter((t) => !(t.type !== 'text' && t.type !== 'standalone' && t.id === id));
    if (!balanced(inner)) continue;
    out = [...out.slice(0, first + 1), ...inner, ...out.slice(last)];
  }
  const merged: Token[] = [];
  for (const t of out) {
    if (t.type === 'text') pushText(merged, t.value);
    else merged.push(t);
  }
  return merged;
}

function balanced(tokens: readonly Token[]): boolean {
  const stack: number[] = [];
  for (const t of tokens) {
    if (t.type === 'open') stack.push(t.id);
    else if (t.type === 'close' && stack.pop() !== t.id) return false;
  }
  return stack.length === 0;
}
