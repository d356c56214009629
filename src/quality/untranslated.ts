/**
 * `untranslated` (warning): a translation identical to its source (placeholders and white
 * space aside) when source and target languages differ, usually a segment copied and
 * forgotten. Not reported for what is legitimately the same in every language: segments
 * without letters; segments made only of numbers, URLs, e-mail addresses, acronyms
 * (all-capital tokens such as UNHCR, COVID-19) and glossary terms kept as they are
 * (doNotTranslate, or whose agreed target is the term itself); a single word of at most
 * three characters.
 */
import { segmentFinding } from './finding.ts';
import { languageOf } from './locale-language.ts';
import { normaliseSpace, plainText } from './segment-text.ts';
import { removeTerm } from './term-match.ts';
import type { GlossaryEntry, SegmentRule } from './types.ts';

const url = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)\S+/giu;
const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const domain = /^(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?:\/\S*)?$/u;
const acronym = /^(?=.*\p{Lu})[\p{Lu}\p{N}&./-]+$/u;

interface KeptTerm {
  term: string;
  caseSensitive: boolean;
}

function keptTerms(glossary: readonly GlossaryEntry[]): KeptTerm[] {
  return glossary.flatMap((e): KeptTerm[] => {
    if (e.doNotTranslate) return [{ term: e.term, caseSensitive: true }];
    const same = [e.targetText ?? '', ...e.variants].some((a) => a.trim().toLowerCase() === e.term.trim().toLowerCase());
    return same ? [{ term: e.term, caseSensitive: false }] : [];
  });
}

function onlyUniversalTokens(text: string, glossary: readonly GlossaryEntry[]): boolean {
  let rest = text.replace(url, ' ').replace(email, ' ');
  for (const k of keptTerms(glossary)) rest = removeTerm(rest, k.term, { caseSensitive: k.caseSensitive });
  return rest
    .split(/\s+/u)
    .map((t) => t.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
    .filter((t) => t !== '')
    .every((t) => !/\p{L}/u.test(t) || acronym.test(t) || domain.test(t));
}

function singleShortWord(text: string): boolean {
  const words = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return words.length === 1 && [...words[0]!].length <= 3;
}

export const untranslatedRule: SegmentRule = {
  id: 'untranslated',
  check(input) {
    if (languageOf(input.sourceLocale) === languageOf(input.targetLocale)) return [];
    const source = normaliseSpace(plainText(input.segment.text));
    const target = normaliseSpace(plainText(input.text));
    if (source !== target || !/\p{L}/u.test(source)) return [];
    if (singleShortWord(source) || onlyUniversalTokens(source, input.glossary)) return [];
    return [segmentFinding(input, 'untranslated', 'warning', 'untranslated.identical')];
  },
};
