/**
 * The glossary as TBX-Basic and CSV over HTTP and through the CLI, with Debian's
 * translate-toolkit as the other side: it reads Editions' TBX, and Editions imports its TBX.
 * Hostile and malformed files are refused with a 4xx that names where, changing nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createUsers } from '../support/http-api.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';
import { python, translateToolkitAvailable } from '../support/translate-toolkit.ts';

const admin = 'glossary-admin-token-0123456789abcdef';
const tokens: Record<string, string> = { admin };
let server: RunningServer;
let dir: string;
const call = apiClient(() => server, tokens);

const post = (who: string, body: string | Uint8Array, type: string, query = '') =>
  fetch(`${server.url}/api/glossary${query}`, { method: 'POST', headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': type, 'accept-language': 'fr' }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

const terms = async () => (await call('admin', 'GET', '/api/glossary.csv')).text;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-glossary-'));
  server = await startServer({ EDITIONS_DB: join(dir, 'editions.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off' });
  Object.assign(
    tokens,
    await createUsers(call, {
      publisher: [{ role: 'publisher', locale: '*' }],
      translator: [{ role: 'translator', locale: 'fr' }],
      publisherAr: [{ role: 'publisher', locale: 'ar' }],
    }),
  );
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('glossary interchange over HTTP and the CLI', () => {
  it('keeps POST /api/glossary with JSON for one term, and refuses other media types with 415', async () => {
    const added = await call('publisher', 'POST', '/api/glossary', { term: 'Amnesty', note: 'a name' });
    expect(added.status).toBe(201);
    expect((await post('publisher', 'Amnesty', 'text/plain')).status).toBe(415);
  });

  it('DELETE /api/glossary/{id}: a publisher of the term’s locale deletes it (gone from the glossary); others 403, an unknown or deleted term 404', async () => {
    const added = await call('publisher', 'POST', '/api/glossary', { term: 'Seed bank', targetLocale: 'fr', targetText: 'Banque de semences' });
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    const listed = async () => ((await call('translator', 'GET', '/api/glossary?locale=fr')).body.terms as { term: string }[]).map((t) => t.term);
    expect(await listed()).toContain('Seed bank');
    expect(await call('translator', 'DELETE', `/api/glossary/${id}`)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(await call('publisherAr', 'DELETE', `/api/glossary/${id}`)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(await listed()).toContain('Seed bank');
    expect(await call('publisher', 'DELETE', `/api/glossary/${id}`)).toMatchObject({ status: 200, body: { deleted: true } });
    expect(await listed()).not.toContain('Seed bank');
    expect(await call('publisher', 'DELETE', `/api/glossary/${id}`)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('imports CSV and exports CSV and TBX; refuses a bad header, a wrong column count and bytes that are not UTF-8, naming the line', async () => {
    const imported = await post('publisher', 'en,fr,ar,note\nUnited Nations,Nations unies | ONU,الأمم المتحدة,the body\n', 'text/csv');
    expect(imported).toMatchObject({ status: 200, body: { format: 'csv', added: 2, unchanged: 0 } });
    const before = await terms();
    expect(before).toContain('United Nations,الأمم المتحدة,Nations unies | ONU,the body,');
    const badHeader = await post('publisher', 'en,français\nUnited Nations,Nations unies\n', 'text/csv');
    expect(badHeader).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', details: { line: 1 } } } });
    expect(badHeader.body.error.message).toContain('line 1');
    const columns = await post('publisher', 'en,fr\nUnited Nations,Nations unies\nWorld Bank,Banque mondiale,extra\n', 'text/csv');
    expect(columns).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', details: { line: 3 } } } });
    // At most 500 columns a row (glossaryCsvLimits), refused before the file is parsed, naming the row's line.
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `fr-x-c${i}`);
    const wide = await post('publisher', `${['en', ...tags(500)].join(',')}\nUnited Nations,Nations unies\n`, 'text/csv');
    expect(wide).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', details: { line: 1 } } } });
    expect(wide.body.error.details.problem).toContain('more than 500 columns');
    const wideRow = await post('publisher', `en,fr\nUnited Nations,Nations unies\n"World\nBank",${'x,'.repeat(150_000)}x\n`, 'text/csv');
    expect(wideRow).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', details: { line: 3 } } } });
    expect(wideRow.body.error.details.problem).toContain('more than 500 columns');
    const atTheLimit = await post('publisher', `${['en', ...tags(499)].join(',')}\n`, 'text/csv');
    expect(atTheLimit.status, JSON.stringify(atTheLimit.body)).toBe(200);
    const latin1 = await post('publisher', Buffer.from('en,fr\nUnited Nations,Nations unies\nWorld Bank,Banque g\xe9n\xe9rale\n', 'latin1'), 'text/csv');
    expect(latin1).toMatchObject({ status: 400, body: { error: { code: 'input_not_utf8', details: { line: 3 } } } });
    const conflict = await post('publisher', 'en,fr\nUnited Nations,Organisation des Nations unies\nWorld Bank,Banque mondiale\n', 'text/csv');
    expect(conflict).toMatchObject({ status: 422, body: { error: { code: 'glossary_import_refused', details: { refused: 1, total: 2, line: 2 } } } });
    expect(conflict.body.error.message).toMatch(/refusées, rien n’est importé/);
    expect((await post('translator', 'en,fr\nWorld Bank,Banque mondiale\n', 'text/csv')).status).toBe(403);
    expect(await terms()).toBe(before);
    const tbx = await call('translator', 'GET', '/api/glossary.tbx?locale=fr');
    expect(tbx.status).toBe(200);
    expect(tbx.headers.get('content-type')).toMatch(/^application\/x-tbx\+xml/);
    expect(tbx.text).toContain('<term>Nations unies</term>');
    expect(tbx.text).not.toContain('الأمم المتحدة');
  });

  it('refuses malformed XML with line and column, billion laughs and an external entity, storing nothing', async () => {
    const before = await terms();
    const malformed = await post('publisher', '<?xml version="1.0"?>\n<martif xml:lang="en">\n<text><body>\n<termEntry></langSet>\n</body></text></martif>', 'application/x-tbx+xml');
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'xml_malformed', details: { line: 4, column: 21 } } } });
    const lol = (n: number) => `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`;
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY lol0 "lol">\n${Array.from({ length: 9 }, (_, i) => lol(i + 1)).join('\n')}\n]>\n<martif xml:lang="en"><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet><langSet xml:lang="fr"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>`;
    expect(await post('publisher', laughs, 'application/x-tbx+xml')).toMatchObject({ status: 400, body: { error: { code: 'xml_doctype_refused' } } });
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET');
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file://${secret}">]>\n<martif xml:lang="en"><text><body><termEntry><langSet xml:lang="en"><tig><term>leak</term></tig></langSet><langSet xml:lang="fr"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>`;
    const refused = await post('publisher', xxe, 'application/x-tbx+xml');
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'xml_doctype_refused' } } });
    expect(JSON.stringify(refused.body)).not.toContain('TOP-SECRET');
    expect((await post('publisher', '<tmx version="1.4"/>', 'application/x-tbx+xml')).status).toBe(400);
    expect((await post('publisher', `en,fr\n${'x,y\n'.repeat(600_000)}`, 'text/csv')).status).toBe(413);
    expect(await terms()).toBe(before);
    expect(await terms()).not.toContain('TOP-SECRET');
  });

  it.skipIf(!translateToolkitAvailable)('translate-toolkit reads the TBX export (every term, its languages), and its TBX is imported', async () => {
    const exported = await call('publisher', 'GET', '/api/glossary.tbx');
    const read = JSON.parse(
      python(
        `import sys, json
from translate.storage import tbx
f = tbx.tbxfile.parsestring(sys.stdin.buffer.read())
xml = '{http://www.w3.org/XML/1998/namespace}lang'
out = []
for u in f.units:
    out.append({'source': u.source, 'target': u.target, 'langs': [l.get(xml) for l in u.xmlelement.iter('langSet')], 'terms': [t.text for t in u.xmlelement.iter('term')]})
print(json.dumps({'source': f.sourcelanguage, 'units': out}))`,
        exported.text,
      ),
    ) as { source: string; units: { source: string; target: string | null; langs: string[]; terms: string[] }[] };
    expect(read.source).toBe('en');
    expect(read.units).toEqual([
      { source: 'Amnesty', target: null, langs: ['en'], terms: ['Amnesty'] },
      // The toolkit's unit pairs the source with the first target langSet; every language is there.
      { source: 'United Nations', target: 'الأمم المتحدة', langs: ['en', 'ar', 'fr'], terms: ['United Nations', 'الأمم المتحدة', 'Nations unies', 'ONU'] },
    ]);
    // The toolkit writes a TBX (with its DOCTYPE naming the DTD, never read): Editions imports it.
    const theirs = python(`import sys
from translate.storage import tbx
f = tbx.tbxfile()
f.setsourcelanguage('en')
for source, target in [('World Bank', 'Banque mondiale'), ('civil society', 'société civile'), ('United Nations', 'Nations unies')]:
    u = f.addsourceunit(source)
    u.settarget(target, lang='fr')
sys.stdout.buffer.write(bytes(f))`);
    expect(theirs).toContain('<!DOCTYPE martif PUBLIC');
    const imported = await post('publisher', theirs, 'application/x-tbx+xml');
    expect(imported).toMatchObject({ status: 200, body: { format: 'tbx', sourceLocale: 'en', added: 2, unchanged: 1 } });
    // The toolkit's unit has no variant or note: the glossary's stay, and the answer says so.
    expect(imported.body.entries.find((e: { term: string }) => e.term === 'United Nations')).toMatchObject({ outcome: 'unchanged', remark: expect.stringContaining('kept') });
    expect(await terms()).toContain('United Nations,الأمم المتحدة,Nations unies | ONU,the body,');
    const fr = (await call('translator', 'GET', '/api/glossary?locale=fr')).body.terms as { term: string; targetText: string | null }[];
    expect(fr.map((t) => [t.term, t.targetText])).toEqual([
      ['Amnesty', null],
      ['United Nations', 'Nations unies'],
      ['World Bank', 'Banque mondiale'],
      ['civil society', 'société civile'],
    ]);
  });

  it('imports and exports through the CLI, naming refused lines', async () => {
    const db = { EDITIONS_DB: join(dir, 'cli.db') };
    const file = join(dir, 'terms.csv');
    writeFileSync(file, 'en,es,note\nseed bank,banco de semillas,\nAmnesty,,a name\n');
    const imported = await runCliAsync(['glossary', 'import', file], db);
    expect(imported).toMatchObject({ status: 0, stdout: `${file}: 2 added, 0 unchanged (source language en)\n` });
    const out = join(dir, 'out.tbx');
    expect((await runCliAsync(['glossary', 'export', '--format', 'tbx', '-o', out], db)).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<term>banco de semillas</term>');
    const csv = await runCliAsync(['glossary', 'export', '--format', 'csv'], db);
    expect(csv.stdout).toBe('en,es,note,collection\nAmnesty,,a name,\nseed bank,banco de semillas,,\n');
    writeFileSync(file, 'en,es\nseed bank,banco de germoplasma\n');
    const refused = await runCliAsync(['glossary', 'import', file], db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${file} line 2: seed bank (es): the glossary already has "banco de semillas" for it in es`);
    expect((await runCliAsync(['glossary', 'import', out], db)).stdout).toContain('0 added, 2 unchanged');
    expect((await runCliAsync(['glossary', 'export', '--format', 'xml'], db)).status).toBe(2);
  }, 120_000);
});
