/**
 * XLIFF over HTTP, on both databases: `GET …/{locale}.xlf?version=1.2` and the 2.0 default; a
 * `PUT` of either version (the file's `version` says which) answered per unit (updated with its
 * findings, unchanged, refused, and why); states never above `translated` from a file; <sc/>/<ec/>
 * and <bx/>/<ex/> kept; broken placeholders refused whole, naming unit and placeholder;
 * malformed XML 400 with line and column; entity declarations refused; and a round trip through
 * translate-toolkit that keeps every placeholder and state.
 */
import { describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/postgres.ts';
import { python, translateToolkitAvailable } from '../support/translate-toolkit.ts';
import { useService } from '../support/use-service.ts';

const xliff = { 'content-type': 'application/xliff+xml' };
const markdown = '# Wells\n\nWe dug *12 wells* in [March](https://example.org).\n\nA plain line.\n\nAnother line.\n\nRun `make` here.\n';

type Seg = { id: string; source: string; text: string | null; state: string; version: number };

describe.each([{ name: 'sqlite' as const }, ...(postgresAvailable ? [{ name: 'postgres' as const }] : [])])('XLIFF over HTTP ($name)', ({ name }) => {
  const { call } = useService({
    dialect: name,
    users: {
      publisher: [{ role: 'publisher', locale: '*' }],
      translator: [{ role: 'translator', locale: 'fr' }],
      reviewer: [{ role: 'reviewer', locale: 'fr' }],
    },
    // The server used to be stopped without a look at its exit code.
    exitCode: null,
  });
  const base = (slug: string) => `/api/statements/${slug}/translations/fr`;
  const segmentsOf = async (slug: string) => (await call('translator', 'GET', base(slug))).body.segments as Seg[];


  /** A statement with its title approved and "A plain line." translated; the rest untranslated. */
  async function started(slug: string): Promise<Seg[]> {
    expect((await call('publisher', 'POST', `/api/statements?slug=${slug}&sourceLocale=en`, markdown, { 'content-type': 'text/markdown' })).status).toBe(201);
    // The locale is started by a first save (an upload of nothing changed: the empty 2.0 file).
    const empty = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="${slug}"></file></xliff>`;
    expect((await call('translator', 'PUT', base(slug), empty, xliff)).status).toBe(200);
    let segs = await segmentsOf(slug);
    for (const [i, text] of [[0, 'Puits'], [2, 'Une ligne.']] as const) {
      const saved = await call('translator', 'PUT', `${base(slug)}/segments/${segs[i]!.id}`, { text }, { 'if-match': String(segs[i]!.version) });
      expect(saved.status, saved.text).toBe(200);
    }
    segs = await segmentsOf(slug);
    const title = segs[0]!;
    const approve = await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', segments: [title.id], versions: { [title.id]: title.version } });
    expect(approve.status, approve.text).toBe(200);
    return segmentsOf(slug);
  }

  it('exports XLIFF 1.2 on ?version=1.2 (2.0 stays the default) with states and notes', async () => {
    const segs = await started('export-12');
    const commented = await call('translator', 'POST', `${base('export-12')}/comments`, { segmentId: segs[1]!.id, text: 'Is “dug” right here?' });
    expect(commented.status, commented.text).toBe(201);
    const v12 = await call('translator', 'GET', `${base('export-12')}.xlf?version=1.2`);
    expect(v12.status, v12.text).toBe(200);
    expect(v12.headers.get('content-type')).toBe('application/xliff+xml; charset=utf-8');
    expect(v12.text).toContain('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:editions="urn:x-editions:xliff"><file original="export-12" datatype="x-markdown" source-language="en" target-language="fr">');
    expect(v12.text).toContain(`<trans-unit id="${segs[0]!.id}" xml:space="preserve" editions:version="${segs[0]!.version}" approved="yes"><source>Wells</source><target state="final">Puits</target><note from="editions">state: approved</note>`);
    expect(v12.text).toContain('<source>We dug <g id="1">12 wells</g> in <g id="2">March</g>.</source>');
    expect(v12.text).toContain('<x id="1" equiv-text="make"/>');
    // The segment's comment thread, as a note.
    expect(v12.text).toMatch(/<note from="editions">comment \(translator, translator, [^)]+\): Is “dug” right here\?<\/note>/);
    const v20 = await call('translator', 'GET', `${base('export-12')}.xlf`);
    expect(v20.text).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:editions="urn:x-editions:xliff" version="2.0"');
    expect(v20.text).toContain('<segment state="final"><source>Wells</source><target>Puits</target>');
    expect((await call('translator', 'GET', `${base('export-12')}.xlf?version=1.0`)).status).toBe(400);
  });

  it('imports XLIFF 1.2 unit by unit: bx/ex kept, states capped at translated, every unit answered', async () => {
    const segs = await started('import-12');
    const [title, linked, plain, another, code] = segs;
    const before = await segmentsOf('import-12');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="import-12" source-language="en" target-language="fr" datatype="x-markdown"><body>
<trans-unit id="${title!.id}"><source>Wells</source><target state="final">Puits</target></trans-unit>
<trans-unit id="${linked!.id}"><source>x</source><target state="translated">Nous avons creusé <bx id="1" rid="a"/>12 puits<ex id="1e" rid="a"/> en <g id="2">mars</g>.</target></trans-unit>
<trans-unit id="${plain!.id}"><source>A plain line.</source><target state="signed-off">${plain!.text}</target></trans-unit>
<trans-unit id="${another!.id}"><source>Another line.</source><target state="new">Another line.</target></trans-unit>
<trans-unit id="${code!.id}"><source>x</source><target state="final">Lancez <ph id="1">\`make\`</ph> ici.</target></trans-unit>
<trans-unit id="gone"><source>x</source><target>y</target></trans-unit>
</body></file></xliff>`;
    const res = await call('translator', 'PUT', base('import-12'), xml, xliff);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: '1.2', updated: 2, unchanged: 3, refused: 1 });
    expect(res.body.units).toEqual([
      { id: title!.id, outcome: 'unchanged', state: 'approved', fileState: 'final' },
      { id: linked!.id, outcome: 'updated', state: 'translated', fileState: 'translated', findings: expect.any(Array) },
      { id: plain!.id, outcome: 'unchanged', state: plain!.state, fileState: 'signed-off', reason: 'state_capped' },
      { id: another!.id, outcome: 'unchanged', state: another!.state, fileState: 'new', reason: 'not_translated_in_file' },
      { id: code!.id, outcome: 'updated', state: 'translated', fileState: 'final', reason: 'state_capped', findings: expect.any(Array) },
      { id: 'gone', outcome: 'refused', reason: 'segment_not_found' },
    ]);
    const after = new Map((await segmentsOf('import-12')).map((s) => [s.id, s]));
    expect(after.get(linked!.id)).toMatchObject({ text: 'Nous avons creusé <g id="1">12 puits</g> en <g id="2">mars</g>.', state: 'translated' });
    expect(after.get(code!.id)).toMatchObject({ text: 'Lancez <x id="1"/> ici.', state: 'translated' });
    expect(after.get(title!.id)).toMatchObject({ state: 'approved', version: before[0]!.version });
    expect(after.get(another!.id)!.version).toBe(before[3]!.version);
  });

  it('imports XLIFF 2.0: <sc/>/<ec/> kept, a dropped <pc> refused naming unit and placeholder, units without target named', async () => {
    const segs = await started('import-20');
    const [, linked, , another] = segs;
    const doc = (target: string) => `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="import-20">
<unit id="${linked!.id}"><segment state="translated"><source>x</source><target>${target}</target></segment></unit>
<unit id="${another!.id}"><segment state="initial"><source>Another line.</source></segment></unit></file></xliff>`;
    const dropped = await call('translator', 'PUT', base('import-20'), doc('Nous avons creusé <pc id="1">12 puits</pc> en mars.'), xliff);
    expect(dropped.status, dropped.text).toBe(422);
    expect(dropped.body.error).toMatchObject({ code: 'placeholders_broken', details: { segmentId: linked!.id, placeholder: '2', segments: [linked!.id] } });
    const ok = await call('translator', 'PUT', base('import-20'), doc('Nous avons creusé <sc id="1"/>12 puits<ec startRef="1"/> en <pc id="2">mars</pc>.'), xliff);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ version: '2.0', updated: 1, unchanged: 1, refused: 0 });
    expect(ok.body.units[1]).toEqual({ id: another!.id, outcome: 'unchanged', state: another!.state, fileState: 'initial', reason: 'no_target' });
    expect((await segmentsOf('import-20'))[1]).toMatchObject({ text: 'Nous avons creusé <g id="1">12 puits</g> en <g id="2">mars</g>.', state: 'translated' });
  });

  it('refuses malformed XML with line and column, entity declarations, and other versions; nothing stored', async () => {
    await started('hostile-xlf');
    const before = JSON.stringify(await segmentsOf('hostile-xlf'));
    const v12 = (await call('translator', 'GET', `${base('hostile-xlf')}.xlf?version=1.2`)).text;
    const malformed = await call('translator', 'PUT', base('hostile-xlf'), v12.replace('<body>', '<body>\n<trans-unit id="x"><source>a</source><target>b</trans-unit>'), { ...xliff, 'accept-language': 'fr' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'xml_malformed', details: { line: 2, column: expect.any(Number) } });
    const laughs = `<!DOCTYPE xliff [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>${v12.replace(/^<\?xml[^>]*\?>/, '').replace('<target state="final">Puits', '<target state="final">&c;')}`;
    expect((await call('translator', 'PUT', base('hostile-xlf'), laughs, xliff)).body.error.code).toBe('xml_doctype_refused');
    const xxe = `<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>${v12.replace(/^<\?xml[^>]*\?>/, '').replace('<target state="final">Puits', '<target state="final">&x;')}`;
    expect((await call('translator', 'PUT', base('hostile-xlf'), xxe, xliff)).body.error.code).toBe('xml_doctype_refused');
    const other = await call('translator', 'PUT', base('hostile-xlf'), v12.replace('version="1.2"', 'version="3.0"'), xliff);
    expect(other.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'version' } });
    expect(JSON.stringify(await segmentsOf('hostile-xlf'))).toBe(before);
  });

  it.skipIf(!translateToolkitAvailable)('round trip through translate-toolkit keeps every placeholder and state; its own files are imported', async () => {
    await started('toolkit');
    const before = await segmentsOf('toolkit');
    const exported = (await call('translator', 'GET', `${base('toolkit')}.xlf?version=1.2`)).text;
    // translate-toolkit fills the units without a target (the source's rich text, uppercased: placeholders kept) and marks them translated.
    const filled = python(`
import sys
from translate.storage import xliff
s = xliff.xlifffile.parsestring(sys.stdin.buffer.read())
def upper(e):
    for i, x in enumerate(e.sub):
        if isinstance(x, str): e.sub[i] = x.upper()
        else: upper(x)
for u in s.units:
    if not u.target:
        r = [x.copy() for x in u.rich_source]
        for x in r: upper(x)
        u.rich_target = r
        u.markfuzzy(False)
sys.stdout.write(bytes(s).decode())
`, exported);
    const back = await call('translator', 'PUT', base('toolkit'), filled, xliff);
    expect(back.status, back.text).toBe(200);
    const untranslated = before.filter((s) => s.state === 'untranslated');
    expect(back.body.updated).toBe(untranslated.length);
    const after = await segmentsOf('toolkit');
    for (const [i, s] of after.entries()) {
      const was = before[i]!;
      if (was.state === 'untranslated') expect(s).toMatchObject({ state: 'translated', text: was.source.replace(/(^|>)([^<]*)/g, (_m, a: string, b: string) => a + b.toUpperCase()) });
      else expect(s).toMatchObject({ state: was.state, text: was.text, version: was.version });
    }
    expect(after.find((s) => s.source.includes('<g id="2">'))!.text).toBe('WE DUG <g id="1">12 WELLS</g> IN <g id="2">MARCH</g>.');
    // Exported again and read by the toolkit: the states it sees are the ones Editions has.
    const again = (await call('translator', 'GET', `${base('toolkit')}.xlf?version=1.2`)).text;
    const states = JSON.parse(python(`
import sys, json
from translate.storage import xliff
s = xliff.xlifffile.parsestring(sys.stdin.buffer.read())
print(json.dumps([u.xmlelement.find('{urn:oasis:names:tc:xliff:document:1.2}target').get('state') for u in s.units]))
`, again));
    expect(states).toEqual(after.map((s) => (s.state === 'approved' ? 'final' : 'translated')));
    // A file the toolkit writes itself (XLIFF 1.1, its namespace) is imported.
    const own = python(`
import sys
from translate.storage import xliff
n = xliff.xlifffile(sourcelanguage='en', targetlanguage='fr')
n.switchfile('toolkit', createifmissing=True)
u = n.UnitClass('Another line.')
n.addunit(u)
u.setid(sys.argv[1])
u.target = 'Une autre ligne.'
u.markfuzzy(False)
sys.stdout.write(bytes(n).decode())
`, '', [after[3]!.id]);
    const imported = await call('translator', 'PUT', base('toolkit'), own, xliff);
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body.units).toEqual([{ id: after[3]!.id, outcome: 'updated', state: 'translated', fileState: 'translated', findings: [] }]);
  }, 60_000);
});
