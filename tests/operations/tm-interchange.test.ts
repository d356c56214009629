/**
 * Translation memory as TMX 1.4b, with Debian's translate-toolkit as the other side: it reads
 * Editions' export, its files are imported and then used by exact and fuzzy look-ups, a round
 * trip through it keeps every placeholder; malformed files, billion laughs and an external
 * entity are refused with nothing stored. Over SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import { lookupTm } from '../../src/operations/lookup-tm.ts';
import { exportTmx, importTmx } from '../../src/operations/tm-interchange.ts';
import { rememberTranslation } from '../../src/store/queries/tm.ts';
import { dialects } from '../support/dialects.ts';
import { python, translateToolkitAvailable } from '../support/translate-toolkit.ts';
import { useWorld, type World } from '../support/world.ts';

/** The peer reads a TMX (stdin): every unit as [source lang, target lang, source, target]. */
const peerRead = `
import sys, json
from translate.storage import tmx
t = tmx.tmxfile.parsestring(sys.stdin.buffer.read())
out = []
for u in t.units:
    langs = [n.get('{http://www.w3.org/XML/1998/namespace}lang') for n in u.getlanguageNodes()]
    out.append([langs[0], langs[1], u.source, u.target])
print(json.dumps(out))
`;

/** The peer writes a TMX of its own (pairs as JSON in argv). */
const peerWrite = `
import sys, json
from translate.storage import tmx
t = tmx.tmxfile(sourcelanguage='en', targetlanguage='fr')
for s, x in json.loads(sys.argv[1]):
    t.addtranslation(s, 'en', x, 'fr')
sys.stdout.write(bytes(t).decode('utf-8'))
`;

/** The peer parses a TMX (stdin), adds a unit, and writes the whole file again. */
const peerRewrite = `
import sys
from translate.storage import tmx
t = tmx.tmxfile.parsestring(sys.stdin.buffer.read())
t.addtranslation('Added by the peer.', 'en', 'Ajouté par le pair.', 'fr')
sys.stdout.write(bytes(t).decode('utf-8'))
`;

async function tmRows(w: World) {
  return w.ctx.store.db.selectFrom('tm_entries').select(['source_text', 'target_text', 'origin']).orderBy('source_text').execute();
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe.each(dialects)('translation memory as TMX ($name)', (dialect) => {
  const world = useWorld(dialect);
  const remember = (w: World, sourceText: string, targetText: string, origin: 'published' | 'approved' | 'machine', targetLocale = 'fr') =>
    rememberTranslation(w.ctx.store.db, { sourceLocale: 'en', targetLocale, sourceText, targetText, origin, at: '2026-05-01T00:00:00.000Z' });

  async function seed(w: World) {
    await remember(w, 'Read <g id="1">the report</g> now.<x id="2"/>', 'Lisez <g id="1">le rapport</g> maintenant.<x id="2"/>', 'published');
    // The memory's form escapes &, < and > in text (markdown/placeholder-codec.ts).
    await remember(w, 'The wells are open &amp; free.', 'Les puits sont ouverts &amp; gratuits.', 'approved');
    await remember(w, 'A machine guess.', 'Une supposition de machine.', 'machine');
    await remember(w, 'The wells are open &amp; free.', 'Los pozos están abiertos.', 'approved', 'es');
  }

  it.skipIf(!translateToolkitAvailable)('exports the approved memory of a pair, which the peer reads unit by unit, placeholders in the memory’s form', async () => {
    const w = world();
    await seed(w);
    const { xml, count } = await exportTmx(w.ctx, { source: 'en', target: 'fr' });
    expect(count).toBe(2);
    expect(JSON.parse(python(peerRead, xml))).toEqual([
      ['en', 'fr', 'Read <g id="1">the report</g> now.<x id="2"/>', 'Lisez <g id="1">le rapport</g> maintenant.<x id="2"/>'],
      ['en', 'fr', 'The wells are open & free.', 'Les puits sont ouverts & gratuits.'],
    ]);
    expect(xml).toContain('<bpt i="1" x="1">&#x3C;g id="1"></bpt>');
    expect(xml).toContain('<ph x="2">&#x3C;x id="2"/></ph>');
  });

  it.skipIf(!translateToolkitAvailable)('imports the peer’s file; exact and fuzzy look-ups then use it; a second import changes nothing', async () => {
    const w = world();
    const file = python(peerWrite, '', [JSON.stringify([['The seed bank opened on 3 April 2026.', 'La banque de semences a ouvert le 3 avril 2026.'], ['Water is life.', 'L’eau, c’est la vie.']])]);
    const result = await importTmx(w.ctx, w.translatorFr, { xml: file });
    expect(result).toMatchObject({ units: 2, added: 2, unchanged: 0, refused: [], pairs: [{ source: 'en', target: 'fr', added: 2, unchanged: 0 }] });
    const exact = await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr', text: 'Water is life.' });
    expect(exact.exact).toMatchObject({ targetText: 'L’eau, c’est la vie.', origin: 'imported' });
    const fuzzy = await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr', text: 'The seed bank opened on 4 April 2026.' });
    expect(fuzzy.fuzzy[0]).toMatchObject({ targetText: 'La banque de semences a ouvert le 3 avril 2026.', origin: 'imported' });
    expect(await importTmx(w.ctx, w.translatorFr, { xml: file })).toMatchObject({ added: 0, unchanged: 2 });
    // Imported entries rank after approved text of the same score.
    await remember(w, 'Water is life.', 'L’eau est la vie.', 'approved');
    expect((await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr', text: 'Water is life.' })).exactAll.map((m) => m.origin)).toEqual(['approved', 'imported']);
  });

  it.skipIf(!translateToolkitAvailable)('a round trip through the peer keeps every placeholder', async () => {
    const w = world();
    await seed(w);
    const { xml } = await exportTmx(w.ctx, { source: 'en', target: 'fr' });
    const rewritten = python(peerRewrite, xml);
    const before = await tmRows(w);
    const result = await importTmx(w.ctx, w.admin, { xml: rewritten });
    // The two exported entries come back identical (placeholders included): unchanged.
    expect(result).toMatchObject({ units: 3, added: 1, unchanged: 2, refused: [] });
    expect((await tmRows(w)).length).toBe(before.length + 1);
  });

  it('refuses units it cannot use, each with why, and adds the others', async () => {
    const w = world();
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="xml" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu tuid="ok"><tuv xml:lang="en"><seg>Go <bpt i="7">&lt;b&gt;</bpt>now<ept i="7">&lt;/b&gt;</ept>.</seg></tuv><tuv xml:lang="fr-fr"><seg>Allez-y <bpt i="3">[b]</bpt>maintenant<ept i="3">[/b]</ept>.</seg></tuv></tu>
<tu tuid="lost"><tuv xml:lang="en"><seg>A <ph x="1">{1}</ph> here.</seg></tuv><tuv xml:lang="fr"><seg>Un ici.</seg></tuv></tu>
<tu tuid="open"><tuv xml:lang="en"><seg>Open <bpt i="1">&lt;i&gt;</bpt>end.</seg></tuv><tuv xml:lang="fr"><seg>Ouvert.</seg></tuv></tu>
<tu tuid="alone"><tuv xml:lang="en"><seg>Only source.</seg></tuv></tu>
</body></tmx>`;
    const result = await importTmx(w.ctx, w.publisher, { xml });
    expect(result.added).toBe(1);
    expect(result.refused).toEqual([
      { unit: 2, tuid: 'lost', lang: 'fr', reason: expect.stringContaining('placeholders differ') },
      { unit: 3, tuid: 'open', lang: 'en', reason: '<bpt i="1"> without its <ept>' },
      { unit: 4, tuid: 'alone', reason: 'no translation (only the source <tuv>)' },
    ]);
    expect(await tmRows(w)).toEqual([{ source_text: 'Go <g id="1">now</g>.', target_text: 'Allez-y <g id="1">maintenant</g>.', origin: 'imported' }]);
    expect((await lookupTm(w.ctx, { sourceLocale: 'en', targetLocale: 'fr-FR', text: 'Go <g id="1">now</g>.' })).exact?.targetText).toBe('Allez-y <g id="1">maintenant</g>.');
  });

  it('refuses malformed XML with line and column, billion laughs and an external entity, storing nothing', async () => {
    const w = world();
    const dir = mkdtempSync(join(tmpdir(), 'editions-xxe-'));
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    try {
      const bad = await refusal(importTmx(w.ctx, w.admin, { xml: '<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="en"><seg>x</tuv></tu></body></tmx>' }));
      expect(bad.code).toBe('xml_malformed');
      expect(bad.details).toMatchObject({ line: 3, column: expect.any(Number) });
      const laughs = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">${Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('')}]><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="fr"><seg>&lol9;</seg></tuv></tu></body></tmx>`;
      expect((await refusal(importTmx(w.ctx, w.admin, { xml: laughs }))).code).toBe('xml_doctype_refused');
      const xxe = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://${secret}">]><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Secret</seg></tuv><tuv xml:lang="fr"><seg>&xxe;</seg></tuv></tu></body></tmx>`;
      expect((await refusal(importTmx(w.ctx, w.admin, { xml: xxe }))).code).toBe('xml_doctype_refused');
      // An external DTD is never read: the file is taken as TMX, its DOCTYPE ignored.
      const external = `<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "file://${secret}"><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Secret</seg></tuv><tuv xml:lang="fr"><seg>&amp;xxe;</seg></tuv></tu></body></tmx>`;
      expect(await refusal(importTmx(w.ctx, w.translatorFr, { xml: external.replace('&amp;xxe;', '&xxe;') }))).toMatchObject({ code: 'xml_malformed' });
      expect(await tmRows(w)).toEqual([]);
      expect(await importTmx(w.ctx, w.translatorFr, { xml: external })).toMatchObject({ added: 1 });
      expect(JSON.stringify(await tmRows(w))).not.toContain('TOP-SECRET');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a translator import only for their locales', async () => {
    const w = world();
    const xml = `<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv><tuv xml:lang="ar"><seg>مرحبا.</seg></tuv></tu></body></tmx>`;
    expect(await refusal(importTmx(w.ctx, w.translatorFr, { xml }))).toMatchObject({ code: 'forbidden', details: { locale: 'ar' } });
    expect(await tmRows(w)).toEqual([]);
    expect(await importTmx(w.ctx, w.publisher, { xml })).toMatchObject({ added: 2, pairs: [{ target: 'fr' }, { target: 'ar' }] });
  });
});
