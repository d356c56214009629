/**
 * Every finding key has a message in locales/<every language>/quality.json with the variables
 * its args provide, and every message there is produced by some failing case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator, uiLanguages } from '../../src/i18n.ts';
import { checkEdition, checkSegment, type QualityFinding } from '../../src/quality/index.ts';
import { doNotTranslate, editionInput, preferred, segmentInput, segmentOf } from './support.ts';

// Every interface language (each directory under locales/), so a new one is checked without naming it here.
const languages = uiLanguages;
const messages = Object.fromEntries(
  languages.map((lng) => [lng, JSON.parse(readFileSync(new URL(`../../locales/${lng}/quality.json`, import.meta.url), 'utf8')) as Record<string, string>]),
) as Record<string, Record<string, string>> & { en: Record<string, string> };
const variables = (message: string) => [...new Set([...message.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))].sort();

const twoLinks = segmentOf('We *really* read [the **full** report](https://example.org/r) and `REF-1` and [more](https://example.org/m).\n');
const segmentCases = [
  // placeholders
  segmentInput(twoLinks, 'Nous avons lu <g id="1">vraiment</g> <g id="2">le <g id="3">rapport</g></g> <x id="4"/> <x id="4"/> <x id="9"/>.'),
  segmentInput(twoLinks, '<x id="1"/> <g id="2">le <g id="3">rapport <g id="5">plus</g></g></g> et <x id="4"/>.'),
  segmentInput(twoLinks, '<g id="1">a <g id="2"><g id="3">b</g></g> <x id="4"/> <g id="5">c</g>'),
  segmentInput(twoLinks, '<g id="1">a</g></g> <g id="2"><g id="3">b</g></g> <x id="4"/> <g id="5">c</g>'),
  // numbers
  segmentInput('Aid reached 3 cities and 1,200 people in 2024.', 'L’aide a atteint 4 villes en 2024, le 5 mai.'),
  segmentInput('Aid reached 1,200 people.', 'وصلت المساعدات إلى الناس.', { to: 'ar' }),
  segmentInput('In March', 'En mars 2024'),
  // glossary
  segmentInput('UNICEF and Mohammed in the Gaza Strip', 'L’Unicef et Mohamed dans le territoire', {
    glossary: [doNotTranslate('UNICEF'), preferred('Mohammed', 'Mohammed', ['Muhammad']), preferred('Gaza Strip', 'bande de Gaza')],
  }),
  // untranslated, length-ratio
  segmentInput('The ministry announced new humanitarian measures for the region today.', 'The ministry announced new humanitarian measures for the region today.', { to: 'de' }),
  segmentInput('The ministry announced new humanitarian measures for the region today.', 'Le ministère a annoncé des mesures.'),
  segmentInput('The ministry announced new humanitarian measures today.', 'Das Ministerium hat heute neue humanitäre Maßnahmen angekündigt. '.repeat(3), { to: 'de' }),
  // bidi-controls
  segmentInput('UNICEF said', 'قالت \u202EUNICEF \u2069 و\u202Bذلك\u202C', { to: 'ar' }),
  segmentInput('UNICEF said', 'L’UNICEF\u200E a dit', { to: 'fr' }),
  // punctuation
  segmentInput('He said "no": why?', 'Il a dit "non": pourquoi?', { to: 'fr' }),
  segmentInput('He said no, why?', 'قال لا, لماذا?', { to: 'ar' }),
  segmentInput('He said "no".', 'Er sagte "nein".', { to: 'de' }),
  segmentInput('Why?', 'Por qué?', { to: 'es' }),
  // numbers.misread, quotes, unknown-words
  segmentInput('Aid reached 1,200 volunteers.', '1,200 voluntarios.', { to: 'es' }),
  segmentInput('Sites rated "good" rose.', 'Los" sitios buenos de "las.', { to: 'es' }),
  segmentInput('Read “the report” <g id="1">now</g>', 'Lea “el informe <g id="1">ahora</g>”', { to: 'es' }),
  segmentInput('The “shameless” laws', 'Las leyes "desvergonzadas"', { to: 'es' }),
  { ...segmentInput('Their unwavering stance', 'Su postura unwavering', { to: 'es' }), machine: { unknownWords: ['unwavering'] } },
];

const editionCases = [
  editionInput('# Title\n\nText [a](https://example.org/a).\n', '## Titre\n\nTexte [a](https://example.org/b).\n'),
  editionInput('Text [a](https://example.org/a).\n', 'Texte [a](javascript:alert(1)).\n'),
  editionInput('One.\n\nTwo.\n', 'Un.\n'),
  editionInput('One.\n', 'Un.\n\nDeux.\n', { segments: [{ id: 'a', state: 'machine', text: 'x', machineText: 'x' }] }),
  editionInput('One.\n', 'Un.\n', {
    segments: [
      { id: 'a', state: 'machine', text: 'x', machineText: 'x' },
      { id: 'b', state: 'machine', text: 'y', machineText: 'y' },
      { id: 'c', state: 'translated', text: 'z', machineText: 'w' },
    ],
  }),
];

const findings: QualityFinding[] = [...segmentCases.flatMap((c) => checkSegment(c)), ...editionCases.flatMap((c) => checkEdition(c))];

describe('quality messages', () => {
  it('has the same keys and the same variables in every language', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'fr', 'ar', 'es', 'fa']));
    const keys = Object.keys(messages.en).sort();
    for (const lng of languages) {
      expect(Object.keys(messages[lng]!).sort(), lng).toEqual(keys);
      for (const key of keys) {
        expect(messages[lng]![key], `${lng} ${key}`).toBeTruthy();
        expect(variables(messages[lng]![key]!), `${lng} ${key}`).toEqual(variables(messages.en[key]!));
      }
    }
  });

  it('has a message for every key the rules produce, with every variable given by its args', () => {
    expect(findings.length).toBeGreaterThan(30);
    for (const f of findings) {
      const message = messages.en[f.key];
      expect(message, f.key).toBeDefined();
      for (const v of variables(message ?? '')) expect(Object.keys(f.args), `${f.key} {{${v}}}`).toContain(v);
    }
  });

  it('has no message that no rule produces', () => {
    const produced = new Set(findings.map((f) => f.key));
    expect(Object.keys(messages.en).filter((k) => !produced.has(k))).toEqual([]);
  });

  it('renders every finding in every language through the product’s i18n', () => {
    for (const lng of languages) {
      const t = translator(lng);
      for (const f of findings) {
        const text = t(f.key, { ns: 'quality', ...f.args });
        expect(text, `${lng} ${f.key}`).not.toBe(f.key);
        expect(text, `${lng} ${f.key}`).not.toMatch(/\{\{|…\s*$/u);
      }
    }
    const missing = findings.find((f) => f.key === 'numbers.missing')!;
    expect(translator('fr')(missing.key, { ns: 'quality', ...missing.args })).toBe('Le nombre 1,200 de la source manque.');
    expect(translator('ar')(missing.key, { ns: 'quality', ...missing.args })).toBe('الرقم 1,200 الوارد في المصدر مفقود.');
    expect(translator('es')(missing.key, { ns: 'quality', ...missing.args })).toBe('Falta el número 1,200 del texto de origen.');
    expect(translator('fa')(missing.key, { ns: 'quality', ...missing.args })).toBe('عدد 1,200 متن مبدأ در ترجمه نیست.');
  });
});
