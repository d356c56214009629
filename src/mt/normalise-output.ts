/**
 * Engine output, made tidy before it is stored (applied by the draft job to every provider's
 * answer, src/jobs/draft-locale.ts): engines leave spaces where Markdown cannot keep them.
 *
 * - Runs of spaces and tabs become one space; spaces and tabs around a line break go.
 * - A space just inside a paired placeholder's edge (`<g id="1"> word</g>`,
 *   `<g id="1">word </g>`) is moved outside it (` <g id="1">word</g>`): emphasis cannot
 *   start or end with a space, so mdast-util-to-markdown would write it as `&#x20;`.
 * - Spaces next to a line break placeholder go (a line cannot start with a space either).
 * - The segment's edges are trimmed.
 *
 * Placeholders are never added, dropped or moved across words; non-breaking spaces (French
 * punctuation) are kept.
 */
import type { Placeholder, Token } from '../markdown/tokens.ts';

export function normaliseEngineOutput(input: readonly Token[], placeholders: readonly Placeholder[] = []): Token[] {
  const breaks = new Set(placeholders.filter((p) => p.kind === 'break').map((p) => p.id));
  let tokens = merge(input.map((t) => (t.type === 'text' ? { type: 'text' as const, value: tidy(t.value) } : { ...t })));
  // Move edge spaces outward until none is left inside an edge (nested placeholders take several passes).
  for (let changed = true; changed; ) {
    changed = false;
    const out: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      if (t.type === 'open' && next?.type === 'text' && /^[ \t]/.test(next.value)) {
        out.push({ type: 'text', value: ' ' }, t);
        tokens[i + 1] = { type: 'text', value: next.value.replace(/^[ \t]+/, '') };
        changed = true;
        continue;
      }
      if (t.type === 'close') {
        const last = out[out.length - 1];
        if (last?.type === 'text' && /[ \t]$/.test(last.value)) {
          last.value = last.value.replace(/[ \t]+$/, '');
          out.push(t, { type: 'text', value: ' ' });
          changed = true;
          continue;
        }
      }
      out.push(t);
    }
    tokens = merge(out);
  }
  // Around a line break: no space on either side.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'standalone' || !breaks.has(t.id)) continue;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before?.type === 'text') before.value = before.value.replace(/[ \t]+$/, '');
    if (after?.type === 'text') after.value = after.value.replace(/^[ \t]+/, '');
  }
  tokens = merge(tokens);
  const first = tokens[0];
  if (first?.type === 'text') first.value = first.value.replace(/^[ \t\r\n]+/, '');
  const last = tokens[tokens.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/[ \t\r\n]+$/, '');
  return tokens.filter((t) => t.type !== 'text' || t.value !== '');
}

/** Runs of spaces and tabs as one space; none around a line break. */
function tidy(text: string): string {
  return text.replace(/[ \t]*(\r?\n)[ \t]*/g, '$1').replace(/[ \t]{2,}|\t/g, ' ');
}

/** Adjacent text runs merged and tidied again (a moved space may meet another); empty runs dropped. */
function merge(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (t.type === 'text' && last?.type === 'text') last.value += t.value;
    else out.push(t.type === 'text' ? { ...t } : t);
  }
  const tidied: Token[] = [];
  for (const t of out) {
    if (t.type !== 'text') tidied.push(t);
    else if (t.value !== '') tidied.push({ type: 'text', value: tidy(t.value) });
  }
  return tidied;
}
