/**
 * The translate page's editor (CodeMirror 6): each segment's <textarea> stays in the form and
 * always holds the canonical wire text (`<g id="1">…</g>`, `<x id="2"/>`, `&lt;` `&gt;` `&amp;`);
 * this editor mounts over it and holds the same text with the words unescaped (`<` as `<`; escaped
 * again into the textarea) and every placeholder tag shown as an atomic chip (one notation, see
 * chip-label.ts). Chips cannot be split or mistyped (atomic ranges); an edit that would break a
 * placeholder's pairing or nesting, or repeat one, is refused with a polite message (deleting
 * half a pair is refused; a whole chip or a whole pair may be deleted, cut, pasted, dragged).
 * Ctrl+Shift+digit (and the insert buttons) insert placeholder n, a pair around the selection.
 * After each change the textarea gets the text and a bubbling `input` event. Contract with the
 * page's other script: `editions:set` ({detail: {text}}) on the textarea replaces the text (one
 * undoable step), `editions:focus` focuses the editor; a value set on the textarea followed by
 * an `input` event is taken too.
 */
import { Annotation, ChangeSet, EditorSelection, EditorState, RangeSetBuilder, StateField, Transaction, type ChangeSpec, type TransactionSpec } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, keymap, type DecorationSet } from '@codemirror/view';
import { history, historyKeymap, standardKeymap } from '@codemirror/commands';
import { chipText, type ChipPart, type ChipPlaceholder } from './chip-label.ts';

const TOKEN = /<g id="(\d+)">|<\/g>|<x id="(\d+)"\/>/g;
const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface Chip {
  from: number;
  to: number;
  id: number;
  part: ChipPart;
}

interface Parsed {
  chips: Chip[];
  /** Tags well nested, each placeholder at most once and known. */
  valid: boolean;
  ids: Set<number>;
}

function parse(text: string, known: Map<number, ChipPlaceholder>): Parsed {
  const chips: Chip[] = [];
  const stack: number[] = [];
  const ids = new Set<number>();
  let valid = true;
  for (const m of text.matchAll(TOKEN)) {
    const from = m.index;
    const to = from + m[0].length;
    if (m[1] || m[2]) {
      const id = Number(m[1] ?? m[2]);
      const paired = Boolean(m[1]);
      const p = known.get(id);
      if (ids.has(id) || !p || p.paired !== paired) valid = false;
      ids.add(id);
      if (paired) stack.push(id);
      chips.push({ from, to, id, part: paired ? 'open' : 'standalone' });
    } else {
      const id = stack.pop();
      if (id === undefined) valid = false;
      chips.push({ from, to, id: id ?? 0, part: 'close' });
    }
  }
  if (stack.length > 0) valid = false;
  return { chips, valid, ids };
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeText(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ENTITY[name]!);
}

/** The editor's text holds the tags and the words as they read (`<` as `<`); the wire text escapes the words. */
function mapWords(text: string, f: (words: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    out += f(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + f(text.slice(last));
}
const toWire = (doc: string) => mapWords(doc, escapeText);
const fromWire = (wire: string) => mapWords(wire, unescapeText);

class ChipWidget extends WidgetType {
  constructor(
    readonly id: number,
    readonly part: ChipPart,
    readonly label: string,
    readonly title: string,
    readonly spoken: string,
  ) {
    super();
  }
  override eq(other: ChipWidget) {
    return other.id === this.id && other.part === this.part && other.label === this.label;
  }
  toDOM() {
    const span = document.createElement('span');
    span.className = `chip chip-${this.part}`;
    span.dir = 'ltr';
    span.textContent = this.label;
    span.title = this.title;
    span.setAttribute('role', 'img');
    span.setAttribute('aria-label', this.spoken);
    span.setAttribute('data-placeholder', String(this.id));
    return span;
  }
  override ignoreEvent() {
    return false;
  }
}

const external = Annotation.define<boolean>();

function mount(area: HTMLTextAreaElement): void {
  const form = area.closest('form.segment-form');
  let list: (ChipPlaceholder & { spoken?: Record<ChipPart, string> })[] = [];
  try {
    list = JSON.parse(area.getAttribute('data-placeholders') || '[]');
  } catch {
    list = [];
  }
  const known = new Map(list.map((p) => [p.id, p]));
  const guardBox = form?.querySelector('.placeholder-guard') ?? null;
  const guardText = form?.getAttribute('data-msg-guard') || '';
  const say = (text: string) => {
    if (!guardBox) return;
    if (text === '' && guardBox.textContent === '') return;
    guardBox.textContent = '';
    guardBox.textContent = text;
  };

  const decorate = (text: string): DecorationSet => {
    const { chips } = parse(text, known);
    const all = [
      ...chips.map((c) => {
        const p = known.get(c.id);
        const spoken = p?.spoken?.[c.part] ?? chipText(p, c.id, c.part);
        return { from: c.from, to: c.to, deco: Decoration.replace({ widget: new ChipWidget(c.id, c.part, chipText(p, c.id, c.part), p?.display ?? '', spoken) }) };
      }),
    ].sort((a, b) => a.from - b.from);
    const builder = new RangeSetBuilder<Decoration>();
    for (const d of all) builder.add(d.from, d.to, d.deco);
    return builder.finish();
  };

  const chipsField = StateField.define<DecorationSet>({
    create: (state) => decorate(state.doc.toString()),
    update: (value, tr) => (tr.docChanged ? decorate(tr.newDoc.toString()) : value),
    provide: (f) => [
      EditorView.decorations.from(f),
      EditorView.atomicRanges.of((view) => view.state.field(f)),
      EditorView.bidiIsolatedRanges.of((view) => view.state.field(f)),
    ],
  });

  // Inserted text: typed text is escaped; pasted or dropped text keeps the tags of placeholders
  // of this segment that are not already in the text (a cut chip pasted back), the rest escaped.
  const sanitize = (inserted: string, paste: boolean, present: Set<number>): string => {
    if (!paste) return inserted;
    const pieces: { text: string; keep: boolean; open?: number }[] = [];
    const stack: number[] = [];
    const seen = new Set<number>();
    let last = 0;
    const tag = /<g id="(\d+)">|<\/g>|<x id="(\d+)"\/>/g;
    for (const m of inserted.matchAll(tag)) {
      pieces.push({ text: inserted.slice(last, m.index), keep: true });
      last = m.index + m[0].length;
      if (m[1] || m[2]) {
        const id = Number(m[1] ?? m[2]);
        const p = known.get(id);
        const keep = p !== undefined && p.paired === Boolean(m[1]) && !present.has(id) && !seen.has(id);
        if (keep) seen.add(id);
        pieces.push({ text: m[0], keep, open: m[1] ? pieces.length : undefined });
        if (m[1]) stack.push(pieces.length - 1);
      } else {
        const at = stack.pop();
        pieces.push({ text: m[0], keep: at !== undefined && pieces[at]!.keep });
      }
    }
    for (const at of stack) pieces[at]!.keep = false;
    pieces.push({ text: inserted.slice(last), keep: true });
    return pieces.filter((p) => p.keep).map((p) => p.text).join('');
  };

  const filter = EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || tr.annotation(external)) return tr;
    if (!tr.isUserEvent('input') && !tr.isUserEvent('delete') && !tr.isUserEvent('move')) return tr;
    let result: Transaction | TransactionSpec = tr;
    let newDoc = tr.newDoc.toString();
    if (tr.isUserEvent('input.paste') || tr.isUserEvent('input.drop')) {
      const paste = true;
      const start = tr.startState.doc;
      const specs: ChangeSpec[] = [];
      let rewritten = false;
      let end = 0;
      tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
        const text = inserted.toString();
        const present = parse(start.sliceString(0, fromA) + start.sliceString(toA), known).ids;
        const clean = sanitize(text, paste, present);
        if (clean !== text) rewritten = true;
        specs.push({ from: fromA, to: toA, insert: clean });
        end = toA;
      });
      if (rewritten) {
        const changes = ChangeSet.of(specs, start.length);
        newDoc = changes.apply(start).toString();
        result = { changes, selection: EditorSelection.cursor(changes.mapPos(end, 1)), userEvent: tr.annotation(Transaction.userEvent) ?? 'input', scrollIntoView: true };
      }
    }
    const before = parse(tr.startState.doc.toString(), known);
    // Half a pair deleted (its other chip left): refused; a whole pair, or a whole chip, may go.
    let halved = false;
    if (before.valid && !tr.isUserEvent('move')) {
      const cut = new Map<number, number>();
      tr.changes.iterChangedRanges((fromA, toA) => {
        for (const c of before.chips) if (c.part !== 'standalone' && c.from < toA && c.to > fromA) cut.set(c.id, (cut.get(c.id) ?? 0) + 1);
      });
      halved = [...cut.values()].some((n) => n === 1);
    }
    if (before.valid && (halved || !parse(newDoc, known).valid)) {
      say(guardText);
      return [];
    }
    say('');
    return result;
  });

  const insertPlaceholder = (view: EditorView, id: number): boolean => {
    const p = known.get(id);
    if (!p) return false;
    const { from, to } = view.state.selection.main;
    const open = p.paired ? `<g id="${id}">` : `<x id="${id}"/>`;
    const changes: ChangeSpec[] = p.paired ? [{ from, insert: open }, { from: to, insert: '</g>' }] : [{ from, to, insert: open }];
    const set = ChangeSet.of(changes, view.state.doc.length);
    const caret = p.paired && from === to ? from + open.length : set.mapPos(to, 1);
    view.dispatch({ changes: set, selection: EditorSelection.cursor(caret), userEvent: 'input.placeholder', scrollIntoView: true });
    view.focus();
    return true;
  };

  const digits = Array.from({ length: 9 }, (_, k) => ({ key: `Mod-Shift-${k + 1}`, run: (view: EditorView) => insertPlaceholder(view, k + 1) || true }));

  let syncing = false;
  // The editor lives in a shadow root: CodeMirror's styles go in as a constructed style sheet
  // there (adoptedStyleSheets), which the pages' Content-Security-Policy (style-src 'self', no
  // inline <style>) allows; the pages' own stylesheet is linked inside it for the chips.
  const host = document.createElement('div');
  host.className = 'segment-editor';
  host.dir = area.dir || 'auto';
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = '/assets/pages.css';
  shadow.appendChild(sheet);
  const view = new EditorView({
    root: shadow,
    parent: shadow,
    doc: fromWire(area.value),
    extensions: [
      history(),
      keymap.of([...digits, ...historyKeymap, ...standardKeymap]),
      chipsField,
      filter,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        lang: area.lang,
        dir: area.dir || 'auto',
        'aria-label': area.getAttribute('aria-label') || '',
        'aria-describedby': area.getAttribute('aria-describedby') || '',
        'aria-multiline': 'true',
        role: 'textbox',
        spellcheck: 'true',
      }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const text = toWire(update.state.doc.toString());
        if (area.value === text) return;
        area.value = text;
        syncing = true;
        try {
          area.dispatchEvent(new Event('input', { bubbles: true }));
        } finally {
          syncing = false;
        }
      }),
    ],
  });
  area.insertAdjacentElement('afterend', host);
  area.classList.add('editor-mounted');
  area.tabIndex = -1;
  area.setAttribute('aria-hidden', 'true');

  const replace = (wire: string) => {
    const text = fromWire(wire);
    if (text === view.state.doc.toString()) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: external.of(true), userEvent: 'set' });
    say('');
  };
  area.addEventListener('editions:set', (event) => {
    const detail = (event as CustomEvent<{ text?: unknown }>).detail;
    if (detail && typeof detail.text === 'string') replace(detail.text);
  });
  area.addEventListener('editions:focus', () => view.focus());
  area.addEventListener('focus', () => view.focus());
  area.addEventListener('input', () => {
    if (!syncing) replace(area.value);
  });
  const label = area.id ? document.querySelector(`label[for="${CSS.escape(area.id)}"]`) : null;
  label?.addEventListener('click', (event) => {
    event.preventDefault();
    view.focus();
  });
  form?.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.chip-insert') : null;
    if (!button || button.getAttribute('data-target') !== area.id) return;
    insertPlaceholder(view, Number(button.getAttribute('data-placeholder')));
  });
  (area as HTMLTextAreaElement & { editionsEditor?: EditorView }).editionsEditor = view;
}

function start() {
  document.querySelectorAll<HTMLTextAreaElement>('form.segment-form textarea[data-placeholders]').forEach(mount);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
