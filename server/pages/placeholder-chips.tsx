/**
 * A segment's canonical text (`<g id="1">…</g>`, `<x id="2"/>`) shown with its placeholders
 * as chips: the words as text, each placeholder as a labelled, non-editable mark. The text
 * is decoded, never inserted as HTML.
 */
import { xmlCodec } from '../../src/markdown/placeholder-codec.ts';
import type { Placeholder } from '../../src/markdown/tokens.ts';
import type { Translate } from './page-env.ts';
import { chipText, insertText, type ChipPart } from './client/chip-label.ts';

export interface ChipsProps {
  text: string | null;
  placeholders: readonly Placeholder[];
  t: Translate;
}

export function chipLabel(p: Placeholder | undefined, id: number, t: Translate, part: ChipPart): string {
  const kind = p ? t(`placeholder.kind.${p.kind}`) : '?';
  const spoken = t(`placeholder.${part}`, { id, kind });
  return p?.display && part !== 'close' ? `${spoken}: ${p.display}` : spoken;
}

/** What the editor (client/editor.ts) needs to draw a segment's chips, as the textarea's data-placeholders. */
export function editorPlaceholders(placeholders: readonly Placeholder[], t: Translate): string {
  return JSON.stringify(
    placeholders.map((p) => ({
      id: p.id,
      kind: p.kind,
      paired: p.paired,
      display: p.display,
      spoken: { open: chipLabel(p, p.id, t, 'open'), close: chipLabel(p, p.id, t, 'close'), standalone: chipLabel(p, p.id, t, 'standalone') },
    })),
  );
}

export function PlaceholderChips({ text, placeholders, t }: ChipsProps) {
  if (text === null) return <span class="empty">{t('segment.none')}</span>;
  const byId = new Map(placeholders.map((p) => [p.id, p]));
  const { tokens } = xmlCodec.decode(text);
  const open: number[] = [];
  return (
    <span class="chipped">
      {tokens.map((token) => {
        if (token.type === 'text') return token.value;
        const id = token.type === 'close' ? (open.pop() ?? token.id) : token.id;
        if (token.type === 'open') open.push(token.id);
        const p = byId.get(id);
        const shown = chipText(p, id, token.type);
        return (
          <span class={`chip chip-${token.type}`} dir="ltr" title={p?.display ?? ''} aria-label={chipLabel(p, id, t, token.type)} role="img">
            {shown}
          </span>
        );
      })}
    </span>
  );
}

/** The tags a translator may insert for a segment: one button per placeholder of the source. */
export function chipInserts(placeholders: readonly Placeholder[]): { id: number; insert: string; label: string }[] {
  return placeholders.map((p) => ({
    id: p.id,
    insert: p.paired ? `<g id="${p.id}"></g>` : `<x id="${p.id}"/>`,
    label: insertText(p),
  }));
}
