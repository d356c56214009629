/**
 * A translated Markdown document aligned to its source by structure: the same segments in
 * the same places (kind and path), each translated segment's placeholders mapped onto the
 * source's by kind and target (a link to the same URL, the same inline code), whatever their
 * order. The first place where the structures differ is reported.
 */
import { xmlCodec } from './placeholder-codec.ts';
import type { Segment, SegmentedDocument } from './segment.ts';
import type { Placeholder, Token } from './tokens.ts';

export type Alignment =
  | { ok: true; texts: Map<string, string> }
  | { ok: false; mismatch: { path: string; expected: string; found: string } };

const describe = (s: Segment | undefined) => (s ? `${s.kind} at ${s.path}` : 'nothing');

export function alignTranslatedDocument(source: SegmentedDocument, translated: SegmentedDocument): Alignment {
  const texts = new Map<string, string>();
  const count = Math.max(source.segments.length, translated.segments.length);
  for (let i = 0; i < count; i++) {
    const s = source.segments[i];
    const t = translated.segments[i];
    if (!s || !t || s.kind !== t.kind || s.path !== t.path) {
      return { ok: false, mismatch: { path: (s ?? t)!.path, expected: describe(s), found: describe(t) } };
    }
    texts.set(s.id, xmlCodec.encode(renumber(t.tokens, t.placeholders, s.placeholders)));
  }
  return { ok: true, texts };
}

/** The translated segment's placeholder ids replaced by the matching source ids (unmatched ones get fresh ids, which the placeholder check reports). */
function renumber(tokens: readonly Token[], own: readonly Placeholder[], source: readonly Placeholder[]): Token[] {
  const free = [...source];
  const map = new Map<number, number>();
  let unknown = source.length + 1000;
  for (const p of own) {
    const i = free.findIndex((q) => q.kind === p.kind && q.display === p.display);
    const j = i >= 0 ? i : free.findIndex((q) => q.kind === p.kind);
    if (j >= 0) map.set(p.id, free.splice(j, 1)[0]!.id);
    else map.set(p.id, unknown++);
  }
  return tokens.map((t) => (t.type === 'text' ? { ...t } : { ...t, id: map.get(t.id) ?? t.id }));
}
