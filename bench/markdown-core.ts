/**
 * The Markdown core on a ~1 MB corpus of statements: parse → segment → reassemble →
 * Markdown, as a ratio to remark's own parse + stringify measured in the same run.
 * Goal (issue "Foundation and the Markdown core"): ≤ 2.0×.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { parseMarkdown, reassemble, segmentMarkdown, stringifyMarkdown } from '../src/markdown/index.ts';
import { pseudoText } from '../src/mt/pseudo.ts';
import { generateCorpus } from './corpus.ts';
import { compare } from './measure.ts';

export function benchMarkdownCore(bytes = 1_000_000): void {
  const docs = generateCorpus(bytes);
  const size = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  // Translations are made before timing: the engine's time is not the core's.
  const translations = docs.map((d) => {
    const doc = segmentMarkdown(d);
    return new Map(doc.segments.map((s) => [s.id, pseudoText(s.text)]));
  });
  const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkStringify);

  const times = compare({
    'remark parse + stringify (baseline)': () => {
      for (const d of docs) remark.stringify(remark.parse(d));
    },
    'editions parse → segment → reassemble → spliced Markdown': () => {
      docs.forEach((d, i) => reassemble(segmentMarkdown(d), translations[i]!));
    },
    'editions … → reassembled tree → remark-stringify': () => {
      docs.forEach((d, i) => {
        const doc = segmentMarkdown(d);
        stringifyMarkdown(reassemble(doc, translations[i]!).tree, doc.style);
      });
    },
    'editions parse → segment only': () => {
      for (const d of docs) segmentMarkdown(d);
    },
    'editions parse only': () => {
      for (const d of docs) parseMarkdown(d);
    },
  });
  const base = times['remark parse + stringify (baseline)']!;
  console.log(`\n## Markdown core: ${docs.length} statements, ${(size / 1e6).toFixed(2)} MB (pseudo translation of every segment)`);
  for (const [name, ms] of Object.entries(times)) {
    console.log(`${name.padEnd(60)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / base).toFixed(2)}×`);
  }
}
