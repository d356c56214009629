/**
 * XLIFF 2.0 (xliff.ts): <sc/>/<ec/> pairs read as the same placeholders as <pc>, states both
 * ways (`state`, `subState`), a unit of several segments, malformed XML with line and column,
 * entity declarations refused.
 */
import { describe, expect, it } from 'vitest';
import { exportXliff, readXliff } from '../../src/interchange/xliff.ts';

const file = (units: string) => `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">\n<file id="s">\n${units}\n</file></xliff>`;

describe('XLIFF 2.0', () => {
  it('writes states on <segment> (subState for what 2.0 has no state for) and reads them back', () => {
    const xml = exportXliff('s', 'en', 'fr', [
      { id: 'a', version: 1, source: 'A <g id="1">b</g>', target: 'A <g id="1">b</g>', state: 'machine', placeholders: [{ id: 1, kind: 'strong', paired: true }], notes: [] },
      { id: 'b', version: 2, source: 'B', target: 'Bé', state: 'translated', placeholders: [], notes: [] },
      { id: 'c', version: 3, source: 'C', target: 'Cé', state: 'approved', placeholders: [], notes: [] },
      { id: 'd', version: 4, source: 'D', target: null, state: 'untranslated', placeholders: [], notes: [] },
    ]);
    expect(xml).toContain('<unit id="a" xml:space="preserve" editions:version="1"><segment state="initial" subState="editions:machine"><source>A <pc id="1">b</pc></source><target>A <pc id="1">b</pc></target></segment></unit>');
    expect(xml).toContain('<segment state="translated">');
    expect(xml).toContain('<segment state="final">');
    expect(xml).toContain('<unit id="d" xml:space="preserve" editions:version="4"><segment state="initial"><source>D</source></segment></unit>');
    expect(readXliff(xml, 's', 'fr').units.map((u) => [u.id, u.fileState, u.stateClass])).toEqual([
      ['a', 'initial', 'new'],
      ['b', 'translated', 'translated'],
      ['c', 'final', 'final'],
      ['d', 'initial', 'new'],
    ]);
  });

  it('writes each unit’s version in the Editions namespace, declared on the root, and reads it back under any prefix', () => {
    const xml = exportXliff('s', 'en', 'fr', [
      { id: 'a', version: 3, source: 'A', target: 'Ah', state: 'translated', placeholders: [], notes: [] },
      { id: 'b', version: 12, source: 'B', target: null, state: 'untranslated', placeholders: [], notes: [] },
    ]);
    expect(xml).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:editions="urn:x-editions:xliff" version="2.0"');
    expect(xml).toContain('<unit id="a" xml:space="preserve" editions:version="3">');
    expect(readXliff(xml, 's', 'fr').units.map((u) => [u.id, u.version])).toEqual([['a', 3], ['b', 12]]);
    const other = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:e="urn:x-editions:xliff" version="2.0" srcLang="en" trgLang="fr"><file id="s"><group id="g"><unit id="a" e:version="5"><segment><source>x</source><target>y</target></segment></unit></group><unit id="b"><segment><source>x</source><target>y</target></segment></unit></file></xliff>`;
    expect(readXliff(other, 's', 'fr').units.map((u) => [u.id, u.version])).toEqual([['a', 5], ['b', null]]);
  });

  it('reads <sc/>/<ec/> pairs as paired placeholders, nothing dropped', () => {
    const units = readXliff(file(`
<unit id="sc"><segment state="translated"><source>x</source><target>Nous <sc id="1"/>12 puits<ec startRef="1"/> en <pc id="2">mars</pc> <ph id="3"/>.</target></segment></unit>
<unit id="iso"><segment><source>x</source><target><sc id="7" isolated="yes"/>a<ec id="7" isolated="yes"/><cp hex="E9"/></target></segment></unit>`), 's', 'fr').units;
    expect(units.map((u) => u.target)).toEqual(['Nous <g id="1">12 puits</g> en <g id="2">mars</g> <x id="3"/>.', '<g id="7">a</g>é']);
  });

  it('joins the targets of a unit of several segments; the unit is as far as its least advanced one', () => {
    const [unit] = readXliff(file('<unit id="m"><segment state="final"><source>x</source><target>Un.</target></segment><ignorable><source> </source></ignorable><segment state="initial"><source>y</source><target>Deux.</target></segment></unit>'), 's', 'fr').units;
    expect(unit).toEqual({ id: 'm', target: 'Un. Deux.', fileState: 'final', stateClass: 'new', version: null });
  });

  it('refuses malformed XML with its line and column, and entity declarations', () => {
    expect(() => readXliff(file('<unit id="a"><segment><source>x</source><target>y</segment></unit>'), 's', 'fr')).toThrow(expect.objectContaining({ code: 'xml_malformed', details: expect.objectContaining({ line: 3 }) }));
    expect(() => readXliff(`<!DOCTYPE xliff [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>${file('<unit id="a"><segment><source>x</source><target>&b;</target></segment></unit>')}`, 's', 'fr')).toThrow(expect.objectContaining({ code: 'xml_doctype_refused' }));
    expect(() => readXliff(file(''), 'other', 'fr')).toThrow(expect.objectContaining({ message: 'The XLIFF has no <file id="other"> (it has "s")' }));
  });
});
