/**
 * Finding a glossary term in a text: whole words only (a letter, digit or combining mark
 * may not touch either end of the term), Unicode-aware, any run of white space between
 * the words of a multi-word term. In Arabic targets a term may carry the proclitics written
 * joined to it (و ف ب ك ل, and ل + ال → لل), as in وغزة, بالأمم المتحدة, للأمم المتحدة.
 */
import { escapeRegExp } from './segment-text.ts';

export interface TermOptions {
  caseSensitive: boolean;
  arabicProclitics?: boolean;
  /** The whole text must be the term (with its proclitics). */
  whole?: boolean;
}

const wordChar = /^[\p{L}\p{N}\p{M}]$/u;
const cache = new Map<string, RegExp>();

export function termRegExp(term: string, options: TermOptions): RegExp {
  const key = `${options.caseSensitive ? 1 : 0}${options.arabicProclitics ? 1 : 0}${options.whole ? 1 : 0}${term}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const t = term.normalize('NFC').trim();
  const chars = [...t];
  const pattern = (s: string) => escapeRegExp(s).replace(/\s+/gu, '\\s+');
  let body = pattern(t);
  if (options.arabicProclitics && /^\p{Script=Arabic}/u.test(t)) {
    body = `(?:[وف]?[بكل]?${body}${t.startsWith('ال') ? `|[وف]?لل${pattern(t.slice(2))}` : ''})`;
  }
  const left = options.whole ? '^' : wordChar.test(chars[0] ?? '') ? '(?<![\\p{L}\\p{N}\\p{M}])' : '';
  const right = options.whole ? '$' : wordChar.test(chars[chars.length - 1] ?? '') ? '(?![\\p{L}\\p{N}\\p{M}])' : '';
  const re = new RegExp(`${left}${body}${right}`, options.caseSensitive ? 'u' : 'iu');
  cache.set(key, re);
  return re;
}

export function containsTerm(text: string, term: string, options: TermOptions): boolean {
  return term.trim() !== '' && termRegExp(term, options).test(text.normalize('NFC'));
}

/** The text with every occurrence of the term replaced by a space. */
export function removeTerm(text: string, term: string, options: TermOptions): string {
  if (term.trim() === '') return text;
  const re = termRegExp(term, options);
  return text.normalize('NFC').replace(new RegExp(re.source, `${re.flags}g`), ' ');
}
