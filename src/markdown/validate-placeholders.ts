/**
 * Checks a translated token list against the placeholders of its source segment:
 * each placeholder exactly once, paired ones opened and closed, properly nested,
 * no link inside a link, no placeholder the source does not have.
 */
import type { FindingCode } from './findings.ts';
import type { Placeholder, Token } from './tokens.ts';

export interface PlaceholderProblem {
  code: FindingCode;
  placeholderId?: number;
}

const linkKinds = new Set(['link', 'linkReference']);

export function validatePlaceholders(tokens: readonly Token[], placeholders: readonly Placeholder[]): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const byId = new Map(placeholders.map((p) => [p.id, p]));
  const seen = new Map<number, number>();
  const stack: Placeholder[] = [];
  for (const t of tokens) {
    if (t.type === 'text') continue;
    if (t.type === 'close') {
      const top = stack.pop();
      if (!top || top.id !== t.id) problems.push({ code: 'placeholder-nesting', placeholderId: t.id });
      continue;
    }
    const p = byId.get(t.id);
    if (!p) {
      problems.push({ code: 'placeholder-unknown', placeholderId: t.id });
      continue;
    }
    const count = (seen.get(t.id) ?? 0) + 1;
    seen.set(t.id, count);
    if (count === 2) problems.push({ code: 'placeholder-duplicated', placeholderId: t.id });
    if ((t.type === 'open') !== p.paired) {
      problems.push({ code: 'placeholder-kind', placeholderId: t.id });
      continue;
    }
    if (t.type === 'open') {
      if (linkKinds.has(p.kind) && stack.some((s) => linkKinds.has(s.kind))) {
        problems.push({ code: 'placeholder-nesting', placeholderId: t.id });
      }
      stack.push(p);
    }
  }
  for (const p of placeholders) {
    if (!seen.has(p.id)) problems.push({ code: 'placeholder-missing', placeholderId: p.id });
  }
  return problems;
}
