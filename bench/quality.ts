/**
 * The quality checks on the ~1 MB corpus, every segment rule on every segment and every
 * edition rule on every statement (pseudo translations), as a ratio to the Markdown core's
 * parse → segment → reassemble on the same corpus in the same run: what checking costs
 * next to what reading a translation costs anyway.
 */
import { reassemble, segmentMarkdown } from '../src/markdown/index.ts';
import { pseudoText } from '../src/mt/pseudo.ts';
import { checkEdition, checkSegment } from '../src/quality/index.ts';
import { generateCorpus } from './corpus.ts';
import { compare } from './measure.ts';

export function benchQuality(bytes = 1_000_000): void {
  const docs = generateCorpus(bytes).map((markdown) => {
    const doc = segmentMarkdown(markdown);
    const translations = new Map(doc.segments.map((s) => [s.id, pseudoText(s.text)]));
    return { doc, translations, target: reassemble(doc, translations).tree };
  });
  const segments = docs.reduce((n, d) => n + d.doc.segments.length, 0);
  const glossary = [{ term: 'RSN', doNotTranslate: true, targetText: null, variants: [] }];
  const times = compare({
    'parse → segment → reassemble (baseline)': () => {
      for (const d of docs) reassemble(segmentMarkdown(d.doc.source), d.translations);
    },
    'segment rules on every segment': () => {
      for (const d of docs) {
        for (const s of d.doc.segments) checkSegment({ segment: s, text: d.translations.get(s.id)!, sourceLocale: 'en', targetLocale: 'fr', glossary });
      }
    },
    'edition rules on every statement': () => {
      for (const d of docs) {
        checkEdition({
          source: d.doc.tree, target: d.target, sourceLocale: 'en', targetLocale: 'fr', urlMap: {},
          segments: d.doc.segments.map((s) => ({ id: s.id, state: 'approved', text: d.translations.get(s.id)!, machineText: null })),
        });
      }
    },
  });
  const base = times['parse → segment → reassemble (baseline)']!;
  console.log(`\n## Quality checks: ${docs.length} statements, ${segments} segments (en → fr, pseudo)`);
  for (const [name, ms] of Object.entries(times)) console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / base).toFixed(2)}×`);
}
