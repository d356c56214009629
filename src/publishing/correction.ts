/**
 * A correction notice: when a new edition replaces a live one of the same locale, what
 * changed (segment by segment, the text before and after) and when, with the publisher's note.
 */
import { segmentMarkdown } from '../markdown/index.ts';
import type { CorrectionNotice } from '../types/edition.ts';

const maxChanges = 50;

export function correctionNotice(previous: { id: string; markdown: string }, markdown: string, at: string, note: string | null, frontMatterKeys: readonly string[]): CorrectionNotice {
  // Stored editions: they met the limits when their source was accepted.
  const texts = (md: string) => segmentMarkdown(md, { frontMatterKeys, limits: null }).segments.map((s) => s.text);
  const before = texts(previous.markdown);
  const after = texts(markdown);
  const remaining = new Map<string, number>();
  for (const t of before) remaining.set(t, (remaining.get(t) ?? 0) + 1);
  const added: string[] = [];
  for (const t of after) {
    const n = remaining.get(t) ?? 0;
    if (n > 0) remaining.set(t, n - 1);
    else added.push(t);
  }
  const removed = before.filter((t) => {
    const n = remaining.get(t) ?? 0;
    if (n > 0) {
      remaining.set(t, n - 1);
      return true;
    }
    return false;
  });
  const changes: CorrectionNotice['changes'] = [];
  for (let i = 0; i < Math.max(added.length, removed.length) && changes.length < maxChanges; i++) {
    changes.push({ before: removed[i] ?? null, after: added[i] ?? null });
  }
  return { supersedes: previous.id, at, note, changedSegments: Math.max(added.length, removed.length), changes };
}
