/**
 * The one notation of a placeholder, used everywhere a person sees one (the source, the
 * machine draft, memory suggestions, the insert buttons and the editor's chips): a kind icon,
 * the number, and what it stands for (a link's target without its scheme, an e-mail address,
 * the code, an image's alt or address), shortened; the closing chip of a pair is `/n`.
 * Shared by the server-rendered pages and the browser's editor bundle (no DOM, no imports).
 */
export interface ChipPlaceholder {
  id: number;
  kind: string;
  paired: boolean;
  display?: string | undefined;
}

export type ChipPart = 'open' | 'close' | 'standalone';

const icons: Record<string, string> = {
  emphasis: '𝑖',
  strong: '𝐁',
  delete: 'S̶',
  link: '🔗',
  linkReference: '🔗',
  autolink: '🔗',
  inlineCode: '</>',
  image: '🖼',
  imageReference: '🖼',
  break: '↵',
  html: '‹›',
  footnoteReference: '†',
  other: '◇',
};

const MAX = 28;

/** What a placeholder stands for, as shown on its chip ('' when nothing more than its kind). */
export function chipTarget(p: ChipPlaceholder | undefined): string {
  const shown = (p?.display ?? '').trim();
  if (shown === '') return '';
  const bare = shown.replace(/^mailto:/i, '').replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return bare.length > MAX ? `${bare.slice(0, MAX - 1)}…` : bare;
}

export function isEmail(p: ChipPlaceholder | undefined): boolean {
  const shown = p?.display ?? '';
  return /^mailto:/i.test(shown) || (/^[^\s@/:]+@[^\s@/]+$/.test(shown) && (p?.kind === 'autolink' || p?.kind === 'link'));
}

export function chipIcon(p: ChipPlaceholder | undefined): string {
  if (!p) return '?';
  if (isEmail(p)) return '✉';
  return icons[p.kind] ?? icons.other!;
}

/** The visible text of a chip. */
export function chipText(p: ChipPlaceholder | undefined, id: number, part: ChipPart): string {
  if (part === 'close') return `/${id}`;
  const target = chipTarget(p);
  return `${chipIcon(p)} ${id}${target ? ` ${target}` : ''}`;
}

/** The text of an insert button: the opening chip, and for a pair its closing one. */
export function insertText(p: ChipPlaceholder): string {
  return p.paired ? `${chipText(p, p.id, 'open')} … ${chipText(p, p.id, 'close')}` : chipText(p, p.id, 'standalone');
}
