/**
 * Translation memory as TMX over HTTP (the service on 127.0.0.1, a real SQLite file) and through
 * the CLI: `POST /api/tm` imports, `GET /api/tm.tmx` exports what the CLI exports; malformed
 * XML is a 400 with line and column, in the caller's language; an XXE is refused; nothing stored.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../support/run-cli.ts';
import { useService } from '../support/use-service.ts';

const service = useService({ users: { fr: [{ role: 'translator', locale: 'fr' }] } });
const { call } = service;
const tmx = 'application/x-tmx+xml';

const file = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="xml" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>${units}</body></tmx>`;

describe('translation memory as TMX over HTTP and the CLI', () => {
  it('refuses malformed XML with line and column (in French for a French caller) and an XXE, storing nothing', async () => {
    const bad = await call('fr', 'POST', '/api/tm', file('<tu>\n<tuv xml:lang="en"><seg>x</tuv></tu>'), { 'content-type': tmx, 'accept-language': 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'xml_malformed', details: { line: 3 } });
    expect(bad.body.error.message).toContain('ligne 3');
    const xxe = await call('fr', 'POST', '/api/tm', `<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>${file('<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>&x;</seg></tuv></tu>')}`, { 'content-type': tmx });
    expect(xxe.status).toBe(400);
    expect(xxe.body.error.code).toBe('xml_doctype_refused');
    expect((await call('fr', 'POST', '/api/tm', file(''), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call('admin', 'GET', '/api/tm.tmx?source=en&target=fr')).text).not.toContain('<tu');
  });

  it('imports over HTTP, imports through the CLI, and exports the approved memory over HTTP and the CLI alike', async () => {
    const imported = await call('fr', 'POST', '/api/tm', file('<tu><tuv xml:lang="en"><seg>Go <ph x="1">&lt;x id="1"/&gt;</ph>now.</seg></tuv><tuv xml:lang="fr"><seg>Allez <ph x="1"/>maintenant.</seg></tuv></tu><tu><tuv xml:lang="en"><seg>Lost.</seg></tuv></tu>'), { 'content-type': tmx });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ units: 2, added: 1, unchanged: 0, refused: [{ unit: 2, reason: 'no translation (only the source <tuv>)' }] });
    const path = join(service.dir, 'in.tmx');
    writeFileSync(path, file('<tu><tuv xml:lang="en"><seg>Go <ph x="1"/>now.</seg></tuv><tuv xml:lang="fr"><seg>Allez <ph x="1"/>maintenant.</seg></tuv></tu><tu><tuv xml:lang="en"><seg>Water.</seg></tuv><tuv xml:lang="fr"><seg>Eau.</seg></tuv></tu>'));
    const env = { EDITIONS_DB: service.dbPath };
    const cli = await runCliAsync(['tm', 'import', path], env);
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain('2 units: 1 added, 1 unchanged, 0 refused');
    // Imported entries are not the approved memory: the export has none of them.
    const http = await call('fr', 'GET', '/api/tm.tmx?source=en&target=fr');
    expect(http.status).toBe(200);
    expect(http.headers.get('content-type')).toContain('application/x-tmx+xml');
    expect(http.text).not.toContain('<tu');
    const out = join(service.dir, 'out.tmx');
    const exported = await runCliAsync(['tm', 'export', '--source', 'en', '--target', 'fr', '-o', out], env);
    expect(exported.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(http.text);
    const malformed = join(service.dir, 'bad.tmx');
    writeFileSync(malformed, '<tmx>\n<body>');
    const refused = await runCliAsync(['tm', 'import', malformed], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/line 2, column \d+.*\[xml_malformed\]/);
  }, 60_000);
});
