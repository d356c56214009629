/**
 * Four-eyes by authorship: who wrote a segment's current text. An author is anyone whose
 * edit produced that text, at any point in the segment's history: someone else saving the
 * same text again does not take it over. The history follows the segment across source
 * revisions (an unchanged segment keeps its id; a changed one names its former id in its
 * `source_changed` entry, `was <id>`).
 *
 * Texts are compared as they would be published: an edit that only adds, removes or changes
 * white space does not take a text over (nor does it make it someone else's). Reassembly drops
 * white space at a segment's edges (src/markdown/resolve-translations.ts, trimEdges), and a
 * run of spaces, tabs or line breaks inside a text reads as one space on the page; other
 * white space (a no-break space before `:` in French) is kept, so it stays a real change.
 */

export interface HistoryEntry {
  revision: number;
  segment_id: string;
  version: number;
  event: string;
  text: string | null;
  actor: string | null;
  comment: string | null;
}

export interface CurrentSegment {
  segment_id: string;
  revision: number;
  text: string | null;
  last_editor: string | null;
}

/** A text as its readers get it: trimmed (as reassembly trims), runs of ASCII white space as one space. */
export function asPublished(text: string): string {
  return text.trim().replace(/[ \t\n\r\f]+/g, ' ');
}

/** Segment id → the people who wrote its current text (none for a segment without text). */
export function authorsOfCurrentText(segments: readonly CurrentSegment[], history: readonly HistoryEntry[]): Map<string, Set<string>> {
  const byId = new Map<string, HistoryEntry[]>();
  for (const e of history) {
    const list = byId.get(e.segment_id) ?? [];
    list.push(e);
    byId.set(e.segment_id, list);
  }
  for (const list of byId.values()) list.sort((a, b) => b.revision - a.revision || b.version - a.version);

  const out = new Map<string, Set<string>>();
  for (const segment of segments) {
    const authors = new Set<string>();
    out.set(segment.segment_id, authors);
    if (segment.text === null) continue;
    if (segment.last_editor) authors.add(segment.last_editor);
    const current = asPublished(segment.text);
    let id: string | undefined = segment.segment_id;
    let maxRevision = segment.revision;
    const seen = new Set<string>();
    while (id !== undefined && !seen.has(`${id}@${maxRevision}`)) {
      seen.add(`${id}@${maxRevision}`);
      const entries: readonly HistoryEntry[] = byId.get(id) ?? [];
      id = undefined;
      for (const e of entries) {
        if (e.revision > maxRevision) continue;
        if (e.event === 'edit' && e.actor && e.text !== null && asPublished(e.text) === current) authors.add(e.actor);
        const former = e.event === 'source_changed' ? /^was (.+)$/.exec(e.comment ?? '') : null;
        if (former) {
          id = former[1]!;
          maxRevision = e.revision - 1;
          break;
        }
      }
    }
  }
  return out;
}
