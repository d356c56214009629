/**
 * Draft fidelity: content/ through Apertium en→es (counts).
 * (Restored from tsx's compile cache of the 06:09:48 run after it was overwritten by mistake;
 * types re-added, the original comments could not be recovered.)
 */
import { readFrontMatter, segmentMarkdown, xmlCodec, type SegmentedDocument, type Token } from '../src/markdown/index.ts';
import { createApertiumProvider } from '../src/mt/apertium/apertium-provider.ts';
import { apyInstalled, startApy } from '../src/mt/apertium/apy-server.ts';
import { firstProtectedId, protectTerms, restoreTerms } from '../src/mt/glossary-protect.ts';
import type { SegmentRequest, SegmentResult } from '../src/mt/provider.ts';
import { checkSegment } from '../src/quality/index.ts';
import { sampleStatements } from './corpus.ts';

const marker = '\uE000';
const stand = 'Texas';

function termsOf(doc: SegmentedDocument): string[] {
  const fm = readFrontMatter(doc.tree);
  const organisation = fm.kind === 'data' ? (fm.data as { organisation?: unknown } | undefined)?.organisation : undefined;
  if (typeof organisation !== 'string') return [];
  const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(organisation);
  return m ? [m[1]!, m[2]!] : [organisation];
}

function neighbours(text: string): { before: string; after: string; spaced: boolean }[] {
  const out: { before: string; after: string; spaced: boolean }[] = [];
  const parts = text.split(marker);
  for (let i = 0; i + 1 < parts.length; i++) {
    const left = parts[i]!;
    const right = parts[i + 1]!;
    out.push({
      before: (/([\p{L}\p{N}]+)[^\p{L}\p{N}]*$/u.exec(left)?.[1] ?? '').toLowerCase(),
      after: (/^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u.exec(right)?.[1] ?? '').toLowerCase(),
      spaced: / {2}$/.test(left) || /^ {2}/.test(right),
    });
  }
  return out;
}

function marked(xml: string, isTerm: (id: number) => boolean): string {
  return xmlCodec
    .decode(xml)
    .tokens.map((t) => (t.type === 'text' ? t.value : t.type === 'standalone' && isTerm(t.id) ? marker : t.type === 'standalone' ? ' ' : ''))
    .join('');
}

export async function benchDraftFidelity(): Promise<void> {
  console.log('\n## Draft fidelity: content/ through Apertium en\u2192es (counts)');
  if (!apyInstalled()) {
    console.log('Apertium is not installed: skipped.');
    return;
  }
  const apy = await startApy();
  try {
    const statements = sampleStatements()
      .filter((s) => !s.name.endsWith('.md'))
      .map((s) => {
        const doc = segmentMarkdown(s.markdown);
        return { name: s.name, doc, terms: termsOf(doc) };
      });
    const translate = async (form: 'plain' | 'rich', segments: readonly SegmentRequest[]): Promise<SegmentResult[]> => {
      const p = createApertiumProvider({ url: apy.url, timeoutMs: 120_000, form });
      await p.availability();
      const out: SegmentResult[] = [];
      for (let i = 0; i < segments.length; i += 100) out.push(...(await p.translate({ sourceLocale: 'en', targetLocale: 'es', segments: segments.slice(i, i + 100) })));
      return out;
    };
    const rows: Record<string, string | number>[] = [];
    let unprotectedKept = 0;
    for (const form of ['plain', 'rich'] as const) {
      const totals = { occurrences: 0, kept: 0, damaged: 0, marked: 0, named: 0, quotes: 0, numbers: 0, segments: 0 };
      for (const s of statements) {
        const protectedSegments = s.doc.segments.map((seg) => protectTerms(xmlCodec.decode(seg.text).tokens, s.terms));
        const drafts = await translate(form, s.doc.segments.map((seg, i) => ({ id: seg.id, text: xmlCodec.encode(protectedSegments[i]!.tokens) })));
        const withTerms = s.doc.segments.flatMap((_seg, i) => (protectedSegments[i]!.terms.size > 0 ? [i] : []));
        const reference = await translate(
          'plain',
          withTerms.map((i) => ({
            id: s.doc.segments[i]!.id,
            text: xmlCodec.encode(protectedSegments[i]!.tokens.map((t): Token => (t.type === 'standalone' && t.id >= firstProtectedId ? { type: 'text', value: stand } : t))),
          })),
        );
        if (form === 'rich') {
          const plainText = await translate('plain', withTerms.map((i) => ({ id: s.doc.segments[i]!.id, text: s.doc.segments[i]!.text })));
          withTerms.forEach((i, k) => {
            for (const term of protectedSegments[i]!.terms.values()) if (plainText[k]!.text.includes(term)) unprotectedKept++;
          });
        }
        withTerms.forEach((i, k) => {
          const terms = protectedSegments[i]!.terms;
          const draft = drafts[i]!;
          totals.occurrences += terms.size;
          totals.kept += terms.size - restoreTerms(xmlCodec.decode(draft.text).tokens, terms).lost.length;
          const got = neighbours(marked(draft.text, (id) => terms.has(id)));
          const want = neighbours(marked(reference[k]!.text.replaceAll(stand, `<x id="${firstProtectedId - 1}"/>`), (id) => id === firstProtectedId - 1));
          for (let j = 0; j < terms.size; j++) {
            const g = got[j];
            const w = want[j];
            if (!g || !w || (g.spaced && !w.spaced) || g.before !== w.before || g.after !== w.after) {
              totals.damaged++;
              if (process.env.BENCH_SHOW_DAMAGE) console.log(`  ${form}: ${JSON.stringify(g)} vs ${JSON.stringify(w)}: ${draft.text.slice(0, 160)}`);
            }
          }
        });
        s.doc.segments.forEach((seg, i) => {
          const draft = drafts[i]!;
          const text = xmlCodec.encode(restoreTerms(xmlCodec.decode(draft.text).tokens, protectedSegments[i]!.terms).tokens);
          const findings = checkSegment({
            segment: seg,
            text,
            sourceLocale: 'en',
            targetLocale: 'es',
            glossary: s.terms.map((term) => ({ term, doNotTranslate: true, targetText: null, variants: [] })),
            ...(draft.provenance.unknownWords ? { machine: { unknownWords: draft.provenance.unknownWords } } : {}),
          } as Parameters<typeof checkSegment>[0]);
          totals.segments++;
          totals.marked += draft.provenance.unknownWords?.length ?? 0;
          totals.named += findings.filter((f) => f.key === 'unknown-words.left').reduce((n, f) => n + Number((f.args as Record<string, unknown>).count), 0);
          totals.quotes += findings.filter((f) => f.rule === 'quotes').length;
          totals.numbers += findings.filter((f) => f.key === 'numbers.misread').length;
        });
      }
      rows.push({ form: form === 'plain' ? 'before (comments, marks as text)' : 'now (known names, quotation spans)', ...totals });
    }
    const occurrences = Number(rows[0]!.occurrences);
    console.log(`segments ${rows[0]!.segments}, protected term occurrences ${occurrences} (organisation names and acronyms); kept without protection ${unprotectedKept}/${occurrences}`);
    for (const r of rows) {
      console.log(
        `${String(r.form).padEnd(38)} terms kept ${r.kept}/${r.occurrences}  neighbour damage ${String(r.damaged).padStart(3)}  unknown words marked ${String(r.marked).padStart(3)}, named by the rule ${String(r.named).padStart(3)}  quotation warnings ${String(r.quotes).padStart(3)}  number warnings ${String(r.numbers).padStart(3)}`,
      );
    }
  } finally {
    await apy.stop();
  }
}
