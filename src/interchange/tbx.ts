/**
 * TBX-Basic (TBX 2, `<martif type="TBX-Basic">`), read and written as XML trees
 * (src/interchange/safe-xml.ts).
 *
 * One <termEntry> per concept: a <langSet> for the source language (the martif's xml:lang) and
 * one per target language. In a langSet, the term whose administrativeStatus is
 * `preferredTerm-admn-sts` (else the first <tig>/<ntig>) is the preferred term, the others are
 * accepted variants (written `admittedTerm-admn-sts`). A termEntry with no target langSet is a
 * do-not-translate term (its source variants: accepted spellings). The collection is
 * `<admin type="projectSubset">`, the note a `<note>` (or `<descrip type="definition">` read).
 */
import { DomainError } from '../errors.ts';
import type { GlossaryEntry, GlossaryFile, GlossaryTermForms } from './glossary-entry.ts';
import { buildXml, childElements, el, parseXml, textOf, txt, type Element } from './safe-xml.ts';

const langOf = (e: Element) => String(e.attributes?.['xml:lang'] ?? e.attributes?.lang ?? '').trim();

/** sax gives no positions for elements: the line of the n-th `<termEntry` is found in the text. */
function termEntryLines(xml: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const m of xml.matchAll(/<termEntry[\s>/]/g)) {
    for (let i = from; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

function termsOf(langSet: Element): GlossaryTermForms | null {
  const forms: { text: string; preferred: boolean }[] = [];
  for (const tig of [...childElements(langSet, 'tig'), ...childElements(langSet, 'ntig')]) {
    // <ntig>: <termGrp><term>…; <tig>: <term>…
    const holder = tig.name === 'ntig' ? (childElements(tig, 'termGrp')[0] ?? tig) : tig;
    const text = textOf(childElements(holder, 'term')[0]).trim();
    if (text === '') continue;
    const status = [...childElements(holder, 'termNote'), ...childElements(tig, 'termNote')].find((n) => n.attributes?.type === 'administrativeStatus');
    forms.push({ text, preferred: textOf(status).trim() === 'preferredTerm-admn-sts' });
  }
  if (forms.length === 0) return null;
  const preferred = forms.find((f) => f.preferred) ?? forms[0]!;
  return { term: preferred.text, variants: forms.filter((f) => f !== preferred).map((f) => f.text) };
}

/** The entries of a TBX document; `sourceLocale` overrides the martif's xml:lang. */
export function parseTbx(xml: string, sourceLocale?: string): GlossaryFile {
  const doc = parseXml(xml);
  const martif = childElements(doc)[0];
  if (!martif || martif.name !== 'martif') {
    throw new DomainError('validation_failed', `Not TBX: the root element is <${martif?.name ?? 'none'}>, not <martif>`, { field: 'body', problem: 'not TBX (no <martif> root element)' });
  }
  const source = (sourceLocale ?? langOf(martif)).trim();
  if (source === '') throw new DomainError('validation_failed', 'The TBX does not say its source language: xml:lang on <martif>, or ?source=', { field: 'source', problem: 'required (xml:lang on <martif>)' });
  const body = childElements(childElements(martif, 'text')[0], 'body')[0];
  const lines = termEntryLines(xml);
  const entries: GlossaryEntry[] = [];
  childElements(body, 'termEntry').forEach((entry, i) => {
    const line = lines[i] ?? 1;
    const langSets = childElements(entry, 'langSet');
    const sourceSet = langSets.find((l) => langOf(l).toLowerCase() === source.toLowerCase());
    const notes = [...childElements(entry, 'note'), ...langSets.flatMap((l) => childElements(l, 'note'))].map((n) => textOf(n).trim()).filter(Boolean);
    const definition = [...childElements(entry, 'descrip'), ...childElements(entry, 'descripGrp').flatMap((g) => childElements(g, 'descrip'))].find((d) => d.attributes?.type === 'definition');
    if (notes.length === 0 && definition) notes.push(textOf(definition).trim());
    const subset = [...childElements(entry, 'admin'), ...childElements(entry, 'adminGrp').flatMap((g) => childElements(g, 'admin'))].find((a) => a.attributes?.type === 'projectSubset');
    const collection = textOf(subset).trim() || null;
    const sourceTerms = sourceSet ? termsOf(sourceSet) : null;
    const targets = langSets
      .filter((l) => l !== sourceSet)
      .flatMap((l) => {
        const forms = termsOf(l);
        return forms ? [{ locale: langOf(l), ...forms }] : [];
      });
    entries.push({ line, collection, source: sourceTerms ?? { term: '', variants: [] }, targets, note: notes.length > 0 ? notes.join('\n') : null });
  });
  return { sourceLocale: source, entries };
}

function langSet(locale: string, forms: GlossaryTermForms): Element {
  const tig = (text: string, status: string) =>
    el('tig', {}, [el('term', {}, [txt(text)]), el('termNote', { type: 'administrativeStatus' }, [txt(status)])]);
  return el('langSet', { 'xml:lang': locale }, [tig(forms.term, 'preferredTerm-admn-sts'), ...forms.variants.map((v) => tig(v, 'admittedTerm-admn-sts'))]);
}

/** A TBX-Basic document of `file`'s entries. */
export function buildTbx(file: GlossaryFile): string {
  const entries = file.entries.map((e, i) =>
    el('termEntry', { id: `t${i + 1}` }, [
      ...(e.collection ? [el('admin', { type: 'projectSubset' }, [txt(e.collection)])] : []),
      ...(e.note ? [el('note', {}, [txt(e.note)])] : []),
      langSet(file.sourceLocale, e.source),
      ...e.targets.map((t) => langSet(t.locale, t)),
    ]),
  );
  const martif = el('martif', { type: 'TBX-Basic', 'xml:lang': file.sourceLocale }, [
    el('martifHeader', {}, [
      el('fileDesc', {}, [el('sourceDesc', {}, [el('p', {}, [txt('Editions glossary')])])]),
      el('encodingDesc', {}, [el('p', { type: 'XCSURI' }, [txt('TBXBasicXCSV02.xcs')])]),
    ]),
    el('text', {}, [el('body', {}, entries)]),
  ]);
  return buildXml(martif);
}
