/** Generated statement corpora for benchmarks, built from the sample statements. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;

export function sampleStatements(): { name: string; markdown: string }[] {
  const dirs = [join(root, 'content/statements')];
  const out: { name: string; markdown: string }[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const slug of readdirSync(dir).sort()) {
      const file = join(dir, slug, 'source.en.md');
      if (existsSync(file)) out.push({ name: slug, markdown: readFileSync(file, 'utf8') });
    }
  }
  const fixtures = join(root, 'tests/fixtures/markdown');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.md')).sort()) {
    out.push({ name: f, markdown: readFileSync(join(fixtures, f), 'utf8') });
  }
  return out;
}

/**
 * About `bytes` of statements: the samples repeated, each copy with its numbers changed so
 * that no two copies have the same segments.
 */
export function generateCorpus(bytes: number): string[] {
  const samples = sampleStatements();
  const docs: string[] = [];
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const sample = samples[i % samples.length]!;
    const doc = sample.markdown.replace(/\b(\d+)\b/g, (n) => String(Number(n) + i));
    docs.push(doc);
    total += Buffer.byteLength(doc);
  }
  return docs;
}
