/**
 * Do-not-translate glossary terms are sent to engines as standalone placeholders (ids from
 * 900 up, after the segment's own), so no engine can translate or inflect them, and are
 * put back on return. A term an engine dropped is reported.
 */
import type { Token } from '../markdown/tokens.ts';
import { pushText } from '../markdown/tokens.ts';

export const firstProtectedId = 900;

export interface Protected {
  tokens: Token[];
  terms: Map<number, string>;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function protectTerms(tokens: readonly Token[], doNotTranslate: readonly string[]): Protected {
  const terms = new Map<number, string>();
  const list = [...new Set(doNotTranslate.filter((t) => t.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return { tokens: tokens.map((t) => ({ ...t })), terms };
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const out: Token[] = [];
  let next = firstProtectedId;
  for (const t of tokens) {
    if (t.type !== 'text') {
      out.push({ ...t });
      continue;
    }
    let at = 0;
    for (const m of t.value.matchAll(pattern)) {
      pushText(out, t.value.slice(at, m.index));
      terms.set(next, m[0]);
      out.push({ type: 'standalone', id: next++ });
      at = m.index + m[0].length;
    }
    pushText(out, t.value.slice(at));
  }
  return { tokens: out, terms };
}

/** Puts the terms back; returns the ids of terms the engine did not return. */
export function restoreTerms(tokens: readonly Token[], terms: ReadonlyMap<number, string>): { tokens: Token[]; lost: number[] } {
  const out: Token[] = [];
  const seen = new Set<number>();
  for (const t of tokens) {
    if (t.type === 'standalone' && terms.has(t.id)) {
      seen.add(t.id);
      pushText(out, terms.get(t.id)!);
    } else if (t.type === 'text') pushText(out, t.value);
    else out.push({ ...t });
  }
  return { tokens: out, lost: [...terms.keys()].filter((id) => !seen.has(id)) };
}
