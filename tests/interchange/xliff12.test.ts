/**
 * XLIFF 1.2 (xliff12.ts, read through readXliff): placeholders out as <g>/<x/> and back, every
 * 1.2 way of writing them read (<bx/>/<ex/>, <bpt>/<ept>, <ph>, <it>, <mrk>), states both ways,
 * the statement's <file> and language checked, malformed XML with line and column, entity
 * declarations refused (billion laughs, XXE); and translate-toolkit reading the export.
 */
import { describe, expect, it } from 'vitest';
import { readXliff } from '../../src/interchange/xliff.ts';
import { exportXliff12 } from '../../src/interchange/xliff12.ts';
import type { XliffSegment } from '../../src/interchange/xliff-common.ts';
import { python, translateToolkitAvailable } from '../support/translate-toolkit.ts';

const segments: XliffSegment[] = [
  { id: 'aaa', version: 1, source: 'We <g id="1">really</g> read <x id="2"/> &amp; more', target: 'Nous <g id="1">vraiment</g>  lu <x id="2"/> &amp; plus', state: 'translated', placeholders: [{ id: 1, kind: 'emphasis', paired: true }, { id: 2, kind: 'inlineCode', paired: false, display: '`a < b`' }], notes: ['state: translated', 'glossary: “read” → “lu”'] },
  { id: 'bbb', version: 2, source: 'Plain', target: null, state: 'untranslated', placeholders: [], notes: [] },
  { id: 'ccc', version: 3, source: 'Drafted', target: 'Ébauche', state: 'machine', placeholders: [], notes: [] },
  { id: 'ddd', version: 4, source: 'Done', target: 'Fait', state: 'approved', placeholders: [], notes: [] },
  { id: 'eee', version: 5, source: 'Redo', target: 'Refaire', state: 'changes_requested', placeholders: [], notes: [] },
  { id: 'fff', version: 6, source: 'Old', target: 'Vieux', state: 'stale', placeholders: [], notes: [] },
];

const file = (units: string, attrs = 'original="s" source-language="en" target-language="fr"') =>
  `<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file ${attrs} datatype="plaintext"><body>\n${units}\n</body></file></xliff>`;

describe('XLIFF 1.2 export', () => {
  const xml = exportXliff12('s', 'en', 'fr', segments);

  it('writes placeholders as <g>/<x/>, states on <target>, notes, the slug as <file original>', () => {
    expect(xml).toContain('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:editions="urn:x-editions:xliff"><file original="s" datatype="x-markdown" source-language="en" target-language="fr"><body>');
    expect(xml).toContain('<source>We <g id="1">really</g> read <x id="2" equiv-text="`a &#x3C; b`"/> &#x26; more</source><target state="translated">Nous <g id="1">vraiment</g>  lu <x id="2" equiv-text="`a &#x3C; b`"/> &#x26; plus</target><note from="editions">state: translated</note>');
    expect(xml).toContain('<trans-unit id="bbb" xml:space="preserve" editions:version="2"><source>Plain</source></trans-unit>');
    expect(xml).toContain('<target state="needs-review-translation" state-qualifier="mt-suggestion">Ébauche</target>');
    expect(xml).toContain('<trans-unit id="ddd" xml:space="preserve" editions:version="4" approved="yes"><source>Done</source><target state="final">Fait</target>');
    expect(xml).toContain('<target state="needs-translation">Refaire</target>');
    expect(xml).toContain('<target state="needs-review-translation">Vieux</target>');
  });

  it('reads back what it wrote: every placeholder, space and state', () => {
    const doc = readXliff(xml, 's', 'fr');
    expect(doc.version).toBe('1.2');
    expect(doc.units.map((u) => [u.id, u.target, u.fileState, u.stateClass])).toEqual([
      ['aaa', segments[0]!.target, 'translated', 'translated'],
      ['bbb', null, null, 'none'],
      ['ccc', 'Ébauche', 'needs-review-translation', 'review'],
      ['ddd', 'Fait', 'final', 'final'],
      ['eee', 'Refaire', 'needs-translation', 'new'],
      ['fff', 'Vieux', 'needs-review-translation', 'review'],
    ]);
  });

  it.skipIf(!translateToolkitAvailable)('is read by translate-toolkit: every unit, its states, its placeholders; pocount counts them', () => {
    const read = JSON.parse(python(`
import sys, json
from translate.storage import xliff
s = xliff.xlifffile.parsestring(sys.stdin.buffer.read())
print(json.dumps({'src': s.getsourcelanguage(), 'trg': s.gettargetlanguage(), 'units': [[u.getid().split('\\x04')[-1], u.istranslated(), u.isfuzzy(), [type(e).__name__ for e in u.rich_target[0].flatten()] if u.target else None] for u in s.units]}))
`, xml));
    expect(read.src).toBe('en');
    expect(read.trg).toBe('fr');
    // translate-toolkit takes `approved="yes"` for "not fuzzy": a translated segment, still to be reviewed, is fuzzy there.
    expect(read.units.map((u: unknown[]) => u.slice(0, 3))).toEqual([
      ['aaa', false, true],
      ['bbb', false, false],
      ['ccc', false, true],
      ['ddd', true, false],
      ['eee', false, true],
      ['fff', false, true],
    ]);
    expect(read.units[0][3]).toEqual(expect.arrayContaining(['G', 'X']));
    // The toolkit's placeholders (its rich text: G and X elements, with their ids) are the source's in every target.
    const tags = (x: string) => JSON.parse(python(`
import sys, json
from translate.storage import xliff
s = xliff.xlifffile.parsestring(sys.stdin.buffer.read())
def tags(rich):
    return sorted(type(e).__name__ + e.id for r in rich for e in r.flatten() if getattr(e, 'id', None))
print(json.dumps([[tags(u.rich_source), tags(u.rich_target)] for u in s.units if u.target]))
`, x)) as [string[], string[]][];
    const found = tags(xml);
    expect(found[0]).toEqual([['G1', 'X2'], ['G1', 'X2']]);
    expect(found.every(([a, b]) => JSON.stringify(a) === JSON.stringify(b))).toBe(true);
    // pocount, the toolkit's counter, sees the states as Editions exported them.
    const count = python(`
import sys, subprocess, tempfile, os
d = tempfile.mkdtemp()
open(os.path.join(d, 'in.xlf'), 'wb').write(sys.stdin.buffer.read())
print(subprocess.run(['pocount', '--csv', os.path.join(d, 'in.xlf')], check=True, capture_output=True, text=True).stdout)
`, xml);
    expect(count).toMatch(/, 1, \d+, 4, \d+, 1, \d+,/); // translated (approved), fuzzy (to review or redo), untranslated
  });
});

describe('XLIFF 1.2 segment versions (editions:version)', () => {
  const xml = exportXliff12('s', 'en', 'fr', segments);

  it('writes each unit’s version in the Editions namespace, declared on the root, and reads it back under any prefix', () => {
    expect(xml).toContain('xmlns:editions="urn:x-editions:xliff"');
    expect(xml).toContain('<trans-unit id="aaa" xml:space="preserve" editions:version="1">');
    expect(readXliff(xml, 's', 'fr').units.map((u) => [u.id, u.version])).toEqual(segments.map((s) => [s.id, s.version]));
    // Another prefix bound to the namespace (a tool's rewrite), on the root or on the unit; another namespace's `version` is not ours.
    const other = file('<trans-unit id="a" xmlns:ed="urn:x-editions:xliff" ed:version="7"><source>x</source><target>y</target></trans-unit><trans-unit id="b" xmlns:ed="urn:example:other" ed:version="3"><source>x</source><target>y</target></trans-unit><trans-unit id="c" ed:version="x1"><source>x</source><target>y</target></trans-unit>');
    expect(readXliff(other, 's', 'fr').units.map((u) => u.version)).toEqual([7, null, null]);
  });

  it.skipIf(!translateToolkitAvailable)('survives translate-toolkit: the units it writes back keep their version', () => {
    const written = python(`
import sys
from translate.storage import xliff
s = xliff.xlifffile.parsestring(sys.stdin.buffer.read())
for u in s.units:
    if not u.target:
        u.target = 'Simple'
        u.markfuzzy(False)
sys.stdout.write(bytes(s).decode())
`, xml);
    const units = readXliff(written, 's', 'fr').units;
    expect(units.map((u) => [u.id, u.version])).toEqual(segments.map((s) => [s.id, s.version]));
    expect(units[1]!.target).toBe('Simple');
  });
});

describe('XLIFF 1.2 import', () => {
  it('reads every 1.2 way of writing a placeholder as the same canonical text', () => {
    const units = readXliff(file(`
<trans-unit id="g"><source>x</source><target>A <g id="1">b <x id="2"/></g> c</target></trans-unit>
<trans-unit id="bx"><source>x</source><target>A <bx id="1" rid="r1"/>b<ex id="9" rid="r1"/> <ph id="2">&lt;br&gt;</ph> c</target></trans-unit>
<trans-unit id="bpt"><source>x</source><target state="translated"><bpt id="1">&lt;em&gt;</bpt>b<ept id="1">&lt;/em&gt;</ept><it id="2" pos="open">[</it></target></trans-unit>
<trans-unit id="mrk"><source>x</source><seg-source><mrk mtype="seg" mid="1">x</mrk></seg-source><target><mrk mtype="seg" mid="1">Un <g id="1">deux</g></mrk></target></trans-unit>
<group id="grp"><trans-unit id="inner" approved="yes"><source>x</source><target>Dans un groupe</target></trans-unit></group>
<trans-unit id="empty"><source>x</source><target state="new"></target></trans-unit>`), 's', 'fr').units;
    expect(units.map((u) => [u.id, u.target, u.stateClass])).toEqual([
      ['g', 'A <g id="1">b <x id="2"/></g> c', 'none'],
      ['bx', 'A <g id="1">b</g> <x id="2"/> c', 'none'],
      ['bpt', '<g id="1">b</g><x id="2"/>', 'translated'],
      ['mrk', 'Un <g id="1">deux</g>', 'none'],
      ['inner', 'Dans un groupe', 'final'],
      ['empty', null, 'new'],
    ]);
  });

  it('maps every 1.2 state', () => {
    const states = ['new', 'needs-translation', 'needs-review-translation', 'needs-adaptation', 'translated', 'signed-off', 'final', 'x-custom'];
    const units = readXliff(file(states.map((s, i) => `<trans-unit id="u${i}"><source>x</source><target state="${s}">y</target></trans-unit>`).join('')), 's', 'fr').units;
    expect(units.map((u) => u.stateClass)).toEqual(['new', 'new', 'review', 'review', 'translated', 'final', 'final', 'none']);
  });

  it('accepts 1.0 and 1.1 (translate-toolkit writes 1.1) and names the file it looked for', () => {
    expect(readXliff(file('<trans-unit id="a"><source>x</source><target>y</target></trans-unit>').replace('version="1.2"', 'version="1.1"'), 's', 'fr').version).toBe('1.2');
    expect(() => readXliff(file(''), 'other', 'fr')).toThrow(expect.objectContaining({ code: 'validation_failed', message: 'The XLIFF has no <file original="other"> (it has "s")' }));
    expect(() => readXliff(file(''), 's', 'de')).toThrow(expect.objectContaining({ code: 'validation_failed', details: { field: 'target-language', problem: 'expected de' } }));
    expect(() => readXliff('<xliff version="3.0"/>', 's', 'fr')).toThrow(expect.objectContaining({ code: 'validation_failed', details: { field: 'version', problem: 'not XLIFF 1.2 or 2.0' } }));
    expect(() => readXliff('<tmx version="1.4"/>', 's', 'fr')).toThrow(expect.objectContaining({ code: 'validation_failed', details: { field: 'body', problem: 'not XLIFF (1.2 or 2.0)' } }));
  });

  it('refuses malformed XML with its line and column', () => {
    expect(() => readXliff(file('<trans-unit id="a"><source>x</source><target>y</tar></trans-unit>'), 's', 'fr')).toThrow(expect.objectContaining({ code: 'xml_malformed', details: expect.objectContaining({ line: 4, column: expect.any(Number) }) }));
  });

  it('refuses a billion laughs and an external entity before expanding anything', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${file('<trans-unit id="a"><source>x</source><target>&c;</target></trans-unit>').replace(/^<\?xml version="1.0"\?>\n/, '')}`;
    expect(() => readXliff(laughs, 's', 'fr')).toThrow(expect.objectContaining({ code: 'xml_doctype_refused' }));
    const xxe = `<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>${file('<trans-unit id="a"><source>x</source><target>&x;</target></trans-unit>').replace(/^<\?xml version="1.0"\?>\n/, '')}`;
    expect(() => readXliff(xxe, 's', 'fr')).toThrow(expect.objectContaining({ code: 'xml_doctype_refused' }));
    // An entity never declared is an error, not an expansion.
    expect(() => readXliff(file('<trans-unit id="a"><source>x</source><target>&x;</target></trans-unit>'), 's', 'fr')).toThrow(expect.objectContaining({ code: 'xml_malformed' }));
  });
});
