/**
 * Share of source lines outside segments that come back byte-identical after a pseudo
 * translation: the spliced Markdown Editions publishes, against re-stringifying the whole
 * reassembled tree with remark-stringify (the baseline). Then what Apertium's drafts of
 * content/ keep and could not do (fidelity-drafts.ts), and what they leave in an edition
 * (fidelity-editions.ts).
 */
import { commonmarkExamples, gfmExamples } from '../tests/support/corpora.ts';
import { lineFidelity } from '../src/markdown/fidelity.ts';
import { reassemble, segmentMarkdown, stringifyMarkdown } from '../src/markdown/index.ts';
import { pseudoText } from '../src/mt/pseudo.ts';
import { sampleStatements } from './corpus.ts';
import { benchDraftFidelity } from './fidelity-drafts.ts';
import { benchEditionFidelity } from './fidelity-editions.ts';

function measure(sources: string[]) {
  const totals = { outside: 0, splice: 0, tree: 0 };
  for (const source of sources) {
    const doc = segmentMarkdown(source);
    const result = reassemble(doc, new Map(doc.segments.map((s) => [s.id, pseudoText(s.text)])));
    const spliced = lineFidelity(doc, result.markdown);
    const tree = lineFidelity(doc, stringifyMarkdown(result.tree, doc.style));
    totals.outside += spliced.outside;
    totals.splice += spliced.identical;
    totals.tree += tree.identical;
  }
  return totals;
}

export async function benchFidelity(): Promise<void> {
  console.log('\n## Fidelity: source lines outside segments that come back byte-identical');
  const corpora: Record<string, string[]> = {
    'content/ and fixtures': sampleStatements().map((s) => s.markdown),
    'CommonMark 0.31.2 + GFM examples': [...commonmarkExamples(), ...gfmExamples()].map((e) => e.markdown),
  };
  for (const [name, sources] of Object.entries(corpora)) {
    const t = measure(sources);
    const pct = (n: number) => `${((100 * n) / Math.max(1, t.outside)).toFixed(1)}%`;
    console.log(`${name.padEnd(36)} lines outside segments ${String(t.outside).padStart(6)}  spliced ${pct(t.splice).padStart(7)}  whole-tree stringify ${pct(t.tree).padStart(7)}`);
  }
  await benchDraftFidelity();
  await benchEditionFidelity();
}
