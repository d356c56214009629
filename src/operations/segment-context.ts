/**
 * What each segment is and where it stands (issue 16), from the revision's segment list (and
 * which paragraphs are list items, from its tree): its kind (a front matter key, a heading, a
 * paragraph, a list item, a table cell, an image's alt text, a link's or image's title), its place among the segments of that kind ("heading 2 of 5"), and
 * its twins: the other segments with the very same source text (the front matter title and
 * the H1), so that confirming one offers the other. (The rule of segments that need no
 * translation, numbers, codes, placeholders only, is src/markdown/copies-itself.ts.)
 */
import type { StoredSegment } from '../store/queries/statements.ts';

/** What a segment is, as people name it: its stored kind, or `listItem` for a paragraph that is a list item's. */
export type ContextKind = StoredSegment['kind'] | 'listItem';

export interface SegmentContext {
  kind: ContextKind;
  /** The front matter key (`title`) of a front matter segment. */
  key?: string;
  /** 1-based place among the segments of the same kind, and how many there are. */
  n: number;
  of: number;
  /** Other segments with the same source text, in document order: their ids and 1-based numbers. */
  twins: { id: string; n: number }[];
}

/**
 * `inListItem`: the ids of paragraph segments whose parent in the source tree is a list item
 * (the stored segment list does not keep the structure: see listItemSegments in revision-cache.ts).
 */
export function segmentContexts(segments: readonly StoredSegment[], inListItem: ReadonlySet<string> = new Set()): Map<string, SegmentContext> {
  const kindOf = (s: StoredSegment): ContextKind => (s.kind === 'paragraph' && inListItem.has(s.id) ? 'listItem' : s.kind);
  const ofKind = new Map<string, number>();
  const byText = new Map<string, { id: string; n: number }[]>();
  const seen = new Map<string, number>();
  segments.forEach((s, i) => {
    ofKind.set(kindOf(s), (ofKind.get(kindOf(s)) ?? 0) + 1);
    const same = byText.get(s.text) ?? [];
    same.push({ id: s.id, n: i + 1 });
    byText.set(s.text, same);
  });
  const out = new Map<string, SegmentContext>();
  for (const s of segments) {
    const kind = kindOf(s);
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    const key = s.kind === 'frontmatter' ? /#yaml:(.+)$/.exec(s.path)?.[1] : undefined;
    out.set(s.id, { kind, ...(key ? { key } : {}), n, of: ofKind.get(kind)!, twins: (byText.get(s.text) ?? []).filter((t) => t.id !== s.id) });
  }
  return out;
}
