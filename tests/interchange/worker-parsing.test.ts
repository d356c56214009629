/**
 * Uploaded interchange files (TMX, TBX, XLIFF) are parsed in the document worker pool, as the
 * Markdown work is: the operations hand the parse to the pool, and the pool's limits (its time
 * limit) hold for them; a parse error comes back from the worker as the same DomainError.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runDocumentTask } from '../../src/documents/tasks.ts';
import { DocumentWorkers, defaultDocumentSettings, inThisThread, type DocumentRunner } from '../../src/documents/workers.ts';
import { importGlossary } from '../../src/operations/glossary-interchange.ts';
import { importTmx } from '../../src/operations/tm-interchange.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

const tmx = (units: string) => `<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>${units}</body></tmx>`;
const tu = (i: number) => `<tu><tuv xml:lang="en"><seg>Water ${i}.</seg></tuv><tuv xml:lang="fr"><seg>Eau ${i}.</seg></tuv></tu>`;
const tbx = '<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry><langSet xml:lang="en"><tig><term>water</term></tig></langSet><langSet xml:lang="fr"><tig><term>eau</term></tig></langSet></termEntry></body></text></martif>';

describe('the document worker pool parses interchange files', () => {
  const pool = new DocumentWorkers({ ...defaultDocumentSettings, workers: 1 });
  afterAll(async () => pool.close());

  it('parses a TMX, a TBX and an XLIFF in a worker; a malformed one is the same xml_malformed', async () => {
    expect((await pool.run('tmx', { xml: tmx(tu(1)) })).units).toHaveLength(1);
    expect((await pool.run('tbx', { xml: tbx })).entries.length).toBeGreaterThan(0);
    const xliff = await pool.run('xliff', { xml: '<xliff version="1.2"><file original="s" target-language="fr"><body><trans-unit id="a"><source>x</source><target>y</target></trans-unit></body></file></xliff>', slug: 's', targetLocale: 'fr' });
    expect(xliff.units).toEqual([{ id: 'a', target: 'y', fileState: null, stateClass: 'none', version: null }]);
    await expect(pool.run('tmx', { xml: '<tmx>\n<body>' })).rejects.toMatchObject({ code: 'xml_malformed', details: { line: 2 } });
  });

  it('holds a large TMX to the pool’s time limit', async () => {
    const strict = new DocumentWorkers({ ...defaultDocumentSettings, workers: 1, timeoutMs: 1 });
    try {
      await expect(strict.run('tmx', { xml: tmx(Array.from({ length: 20_000 }, (_, i) => tu(i)).join('')) })).rejects.toMatchObject({ code: 'input_too_complex', details: { limit: 'time' } });
    } finally {
      await strict.close();
    }
  }, 30_000);

  it('past the time limit, a task on what is stored is service_busy (try again), not input_too_complex', async () => {
    const strict = new DocumentWorkers({ ...defaultDocumentSettings, workers: 1, timeoutMs: 1 });
    const markdown = Array.from({ length: 5_000 }, (_, i) => `Paragraph ${i} with *some* [link](https://example.org/${i}).`).join('\n\n');
    try {
      // A new document (a request's): too complex.
      await expect(strict.run('source', { markdown, frontMatterKeys: [] })).rejects.toMatchObject({ code: 'input_too_complex', details: { limit: 'time', max: 1 } });
      // What is stored (an edition's tree, accepted before): the machine is busy.
      const { doc } = runDocumentTask('source', { markdown, frontMatterKeys: [] }, defaultDocumentSettings.limits);
      await expect(strict.run('render', { tree: doc.tree, locale: 'en', options: {} })).rejects.toMatchObject({ code: 'service_busy', details: { max: 1 } });
    } finally {
      await strict.close();
    }
  }, 30_000);
});

describe.each(dialects)('operations hand their parse to the pool ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('TMX and TBX imports (XLIFF: tests/server/xliff-import.test.ts)', async () => {
    const w = world();
    const names: string[] = [];
    const inner = inThisThread();
    const documents: DocumentRunner = { run: (name, input) => (names.push(name), inner.run(name, input)) };
    const ctx = { ...w.ctx, documents };
    await importTmx(ctx, w.translatorFr, { xml: tmx(tu(1)) });
    await importGlossary(ctx, w.admin, { format: 'tbx', text: tbx });
    expect(names).toEqual(['tmx', 'tbx']);
  });
});
