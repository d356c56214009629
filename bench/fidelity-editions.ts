/**
 * What machine drafts leave in an edition: the sample statements of content/ (each given a
 * `lang: en` front matter key) drafted en → es through the real Apertium server by a draft
 * job, then reassembled as publication does. Counted, against the engine's raw answers
 * reassembled the way Editions did before (same run, same answers): doubled spaces in the
 * drafts, `&#x20;` in the Markdown, segments with a space at an edge, and editions whose
 * `lang` says their locale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTranslatableKeys, withFrontMatterLocale } from '../src/markdown/frontmatter.ts';
import { reassemble, segmentMarkdown } from '../src/markdown/index.ts';
import { DraftRunner } from '../src/jobs/runner.ts';
import { createApertiumProvider } from '../src/mt/apertium/apertium-provider.ts';
import { apyInstalled, startApy } from '../src/mt/apertium/apy-server.ts';
import type { MachineTranslationProvider } from '../src/mt/provider.ts';
import { providerSetOf } from '../src/mt/registry.ts';
import { parseRoutes } from '../src/mt/routing.ts';
import { createStatement } from '../src/operations/create-statement.ts';
import { getTranslation } from '../src/operations/read-statements.ts';
import { requestDrafts } from '../src/operations/request-drafts.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { operator } from '../cli/import.ts';
import { sampleStatements } from './corpus.ts';

interface Counts {
  segments: number;
  doubledSpaces: number;
  edgeSpaces: number;
  encodedSpaces: number;
  langRight: number;
  editions: number;
}

const doubled = (text: string) => (text.match(/\S[ \t]{2,}(?=\S)/g) ?? []).length;
const langOf = (markdown: string) => /^---\r?\n[\s\S]*?^lang: *(\S+)/m.exec(markdown)?.[1];

function count(counts: Counts, markdown: string, texts: ReadonlyMap<string, string>, source: string) {
  for (const text of texts.values()) {
    counts.segments++;
    counts.doubledSpaces += doubled(text);
    if (/^[ \t]|[ \t]$|<g id="\d+">[ \t]|[ \t]<\/g>/.test(text)) counts.edgeSpaces++;
  }
  counts.encodedSpaces += (markdown.match(/&#x20;/g) ?? []).length - (source.match(/&#x20;/g) ?? []).length;
  counts.editions++;
  if (langOf(markdown) === 'es') counts.langRight++;
}

export async function benchEditionFidelity(): Promise<void> {
  console.log('\n## Machine drafts in editions: content/ through Apertium en → es');
  if (!apyInstalled()) {
    console.log('Apertium is not installed: not measured (see docs/apertium-notes.md)');
    return;
  }
  const apy = await startApy();
  const dir = mkdtempSync(join(tmpdir(), 'editions-bench-fidelity-'));
  const store = await openSqliteStore(join(dir, 'bench.db'));
  try {
    const ctx = { store, now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 };
    const apertium = createApertiumProvider({ url: apy.url, timeoutMs: 120_000 });
    await apertium.availability();
    // The engine's raw answers, as the job received them (before normalisation).
    const raw = new Map<string, string>();
    const recording: MachineTranslationProvider = Object.assign(Object.create(apertium) as MachineTranslationProvider, {
      translate: async (request: Parameters<MachineTranslationProvider['translate']>[0]) => {
        const results = await apertium.translate(request);
        for (const r of results) raw.set(r.id, r.text);
        return results;
      },
    });
    const providers = providerSetOf([recording]);
    const runner = new DraftRunner(ctx, providers);
    const before: Counts = { segments: 0, doubledSpaces: 0, edgeSpaces: 0, encodedSpaces: 0, langRight: 0, editions: 0 };
    const after: Counts = { ...before };
    const statements = sampleStatements().filter((s) => !s.name.endsWith('.md'));
    for (const s of statements) {
      const markdown = s.markdown.replace(/^---\n/, '---\nlang: en\n');
      await createStatement(ctx, operator, { slug: s.name, sourceLocale: 'en', markdown });
      raw.clear();
      await runner.run(await requestDrafts(ctx, null, providers, parseRoutes('es=apertium'), { slug: s.name, locales: ['es'] }));
      const stored = new Map((await getTranslation(ctx, s.name, 'es')).segments.map((x) => [x.id, x.machine ?? '']));
      // Before: the raw answers, the source's front matter as it was.
      const doc = segmentMarkdown(markdown);
      const rawTexts = new Map([...stored.keys()].map((id) => [id, raw.get(id) ?? stored.get(id)!]));
      count(before, reassemble(doc, rawTexts).markdown, rawTexts, markdown);
      // Now: the stored (normalised) drafts, reassembled as publication does.
      count(after, reassemble(segmentMarkdown(withFrontMatterLocale(markdown, 'es')), stored).markdown, stored, markdown);
    }
    const row = (name: string, c: Counts) =>
      console.log(`${name.padEnd(40)} segments ${String(c.segments).padStart(4)}  doubled spaces ${String(c.doubledSpaces).padStart(3)}  edge spaces ${String(c.edgeSpaces).padStart(3)}  &#x20; ${String(c.encodedSpaces).padStart(3)}  lang: es ${c.langRight}/${c.editions}`);
    console.log(`${statements.length} statements`);
    row('raw engine output, as before (baseline)', before);
    row('stored drafts, edition as published', after);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    await apy.stop();
  }
}
