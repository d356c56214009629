/**
 * The inline model of a segment: text runs and numbered placeholders.
 *
 * Paired placeholders (emphasis, strong, delete, link, link reference) wrap translatable
 * content with an `open` and a `close` token; standalone ones (inline code, image, break,
 * inline HTML, footnote reference, autolink) are a single `standalone` token.
 */
export type Token =
  | { type: 'text'; value: string }
  | { type: 'open'; id: number }
  | { type: 'close'; id: number }
  | { type: 'standalone'; id: number };

export type PlaceholderKind =
  | 'emphasis'
  | 'strong'
  | 'delete'
  | 'link'
  | 'linkReference'
  | 'autolink'
  | 'inlineCode'
  | 'image'
  | 'imageReference'
  | 'break'
  | 'html'
  | 'footnoteReference'
  | 'other';

export interface Placeholder {
  /** 1-based, in document order within the segment. */
  id: number;
  kind: PlaceholderKind;
  paired: boolean;
  /** What a person sees on a chip: the code, the URL, the HTML, the footnote label. */
  display?: string;
}

/** Appends text to a token list, merging with a preceding text token. */
export function pushText(tokens: Token[], value: string): void {
  if (value === '') return;
  const last = tokens[tokens.length - 1];
  if (last?.type === 'text') last.value += value;
  else tokens.push({ type: 'text', value });
}

export function tokensEqual(a: readonly Token[], b: readonly Token[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.type !== y.type) return false;
    if (x.type === 'text' ? x.value !== (y as typeof x).value : x.id !== (y as { id: number }).id) return false;
  }
  return true;
}

/** The plain text of a token list, placeholders dropped. */
export function tokensText(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) if (t.type === 'text') out += t.value;
  return out;
}

/** True when some text run has a letter or digit, i.e. there is something to translate. */
export function hasTranslatableText(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.type === 'text' && /[\p{L}\p{N}]/u.test(t.value));
}
