/**
 * Case-insensitive search the same on every database: titles are stored folded
 * (`source_revisions.search_text`) and a query is folded the same way, then compared with a
 * plain `like` (byte for byte on SQLite and PostgreSQL alike: neither database's own case
 * rules take part).
 *
 * Folding: NFKC (compatibility forms: `ﬁ` → `fi`, full-width `Ａ` → `a`, Arabic presentation
 * forms → letters), then Unicode full case folding (CaseFolding.txt, statuses C and F, from the
 * `unicode-case-folding` package: `É` → `é`, `ẞ`/`ß` → `ss`, final `ς` → `σ`), then the Turkish
 * i's made one (`İ`, `I`, `ı`, `i` all → `i`), then white space runs → one space. Accents stay
 * (`ecole` does not find `école`); Arabic and Persian letters and their marks are not changed.
 */
import { caseFold } from 'unicode-case-folding';

export function foldForSearch(text: string): string {
  return caseFold(text.normalize('NFKC'))
    .normalize('NFKC')
    .replace(/i\u0307/g, 'i')
    .replace(/\u0131/g, 'i')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The folded copy of a revision's title that search compares with (null: no title). */
export function searchTextOf(title: string | null): string | null {
  return title === null ? null : foldForSearch(title);
}
