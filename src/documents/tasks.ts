/**
 * The CPU-heavy work on a whole document, as plain functions of structured-clonable data:
 * what the worker pool (workers.ts) runs off the event loop, and what the CLI may call in its
 * own process. New input (a source, an uploaded translation) is held to the document limits
 * (src/markdown/limits.ts); stored documents were when they were accepted (`limits: null`).
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { alignTranslatedDocument, type Alignment } from '../markdown/align-document.ts';
import { readFrontMatter, reassemble, segmentMarkdown, type DocumentLimits, type Reassembly, type SegmentedDocument } from '../markdown/index.ts';
import { withFrontMatterLocale } from '../markdown/frontmatter.ts';
import { notTaken, type NotTaken } from '../markdown/not-taken.ts';
import { rewriteUrls } from '../markdown/rewrite-urls.ts';
import { checkEdition, checkSegment } from '../quality/index.ts';
import type { GlossaryEntry, QualityFinding } from '../quality/types.ts';
import { correctionNotice } from '../publishing/correction.ts';
import type { CorrectionNotice } from '../types/edition.ts';
import { renderEditionHtml, type RenderOptions } from '../publishing/render-html.ts';
import type { StoredSegment } from '../store/queries/statements.ts';
import { parseTbx } from '../interchange/tbx.ts';
import { parseGlossaryCsv } from '../interchange/glossary-csv.ts';
import { parseTmx } from '../interchange/tmx.ts';
import { readXliff } from '../interchange/xliff.ts';

export interface SourceTask {
  markdown: string;
  frontMatterKeys: readonly string[];
}

/** A new source: parsed and segmented within the limits, with its title. */
function source(input: SourceTask, limits: DocumentLimits): { doc: SegmentedDocument; title: string | null } {
  const doc = segmentMarkdown(input.markdown, { frontMatterKeys: input.frontMatterKeys, limits });
  return { doc, title: titleOf(doc.tree) };
}

/** The front matter title, else the first heading's text. */
function titleOf(tree: Root): string | null {
  const fm = readFrontMatter(tree);
  if (fm.kind === 'data' && fm.data && typeof (fm.data as { title?: unknown }).title === 'string') return (fm.data as { title: string }).title;
  const heading = tree.children.find((n) => n.type === 'heading');
  return heading ? toString(heading) : null;
}

/** An uploaded translation (within the limits) aligned to the stored source by structure. */
function align(input: { source: string; translated: string; frontMatterKeys: readonly string[] }, limits: DocumentLimits): Extract<Alignment, { ok: false }> | (Extract<Alignment, { ok: true }> & { notTaken: NotTaken[] }) {
  const translated = segmentMarkdown(input.translated, { frontMatterKeys: input.frontMatterKeys, limits });
  const source = segmentMarkdown(input.source, { frontMatterKeys: input.frontMatterKeys, limits: null });
  const aligned = alignTranslatedDocument(source, translated);
  // What the upload changed outside its texts (a URL, code, a front matter key): named, since the source's stays.
  return aligned.ok ? { ...aligned, notTaken: notTaken(source, translated) } : aligned;
}

export interface ReassembleTask {
  /** The stored source's Markdown. */
  markdown: string;
  /** The edition's locale: the front matter's locale keys are set to it (absent: left as they are). */
  locale?: string;
  /** Which front matter keys name the locale (absent: the defaults, frontmatter.ts). */
  frontMatterLocaleKeys?: readonly string[];
  /** The locale's link targets, applied first. */
  linkTargets: ReadonlyMap<string, string>;
  /** Segment id → text. */
  texts: ReadonlyMap<string, string>;
  frontMatterKeys: readonly string[];
}

/**
 * The one recipe for an edition's text (publication, its quality checks, the publish page's
 * preview): the locale into the front matter, the locale's link targets into the source's
 * URLs, the result segmented, and the texts put back in.
 */
export function reassembleEdition(input: ReassembleTask): Omit<Reassembly, 'translated'> {
  const localized = input.locale === undefined ? input.markdown : withFrontMatterLocale(input.markdown, input.locale, input.frontMatterLocaleKeys);
  const doc = segmentMarkdown(rewriteUrls(localized, input.linkTargets), { frontMatterKeys: input.frontMatterKeys, limits: null });
  const { tree, markdown, findings } = reassemble(doc, input.texts);
  return { tree, markdown, findings };
}

/** The texts an edition is made of: every segment that has one (the others keep their source). */
export function editionTexts(rows: readonly { segment_id: string; text: string | null }[]): Map<string, string> {
  return new Map(rows.flatMap((r) => (r.text === null ? [] : [[r.segment_id, r.text] as const])));
}

/**
 * What the checks read. Findings are kept in memory under keys made of these inputs
 * (src/operations/quality-cache.ts): a new input here needs its part in those keys, and the
 * segment rules must read no row but their segment's own (its findings are kept under its version).
 */
export interface QualityTask {
  sourceLocale: string;
  targetLocale: string;
  /** `markdown` and `mdast` are read only with `edition` (may be empty without); `segmentList`: the segments the segment rules judge. */
  revision: { markdown: string; mdast: string; segmentList: StoredSegment[] };
  rows: readonly { segment_id: string; state: string; text: string | null; machine_text: string | null; machine_provenance?: string | null }[];
  glossary: readonly GlossaryEntry[];
  linkTargets: ReadonlyMap<string, string>;
  frontMatterKeys: readonly string[];
  /** Which front matter keys name the locale (the reassembled edition's, as published). */
  frontMatterLocaleKeys?: readonly string[];
  /** false: segment rules only (no reassembly). */
  edition: boolean;
  /** true: the reassembled edition is handed back too (publication builds it once, here). */
  keepEdition?: boolean;
}

/** What the segment rules read of a machine draft's stored provenance (the words it left untranslated). */
function machineOf(provenance: string | null | undefined): { unknownWords?: string[] } | undefined {
  if (!provenance) return undefined;
  const words = (JSON.parse(provenance) as { unknownWords?: unknown }).unknownWords;
  return Array.isArray(words) ? { unknownWords: words.filter((w): w is string => typeof w === 'string') } : undefined;
}

/** Every segment rule on each segment with text; every edition rule on the reassembled edition. */
function quality(input: QualityTask): { segments: Map<string, QualityFinding[]>; edition: QualityFinding[]; reassembly?: Omit<Reassembly, 'translated'> } {
  const rows = new Map(input.rows.map((r) => [r.segment_id, r]));
  const segments = new Map<string, QualityFinding[]>();
  for (const s of input.revision.segmentList) {
    const text = rows.get(s.id)?.text ?? null;
    const machine = machineOf(rows.get(s.id)?.machine_provenance);
    segments.set(s.id, text === null ? [] : checkSegment({ segment: s, text, sourceLocale: input.sourceLocale, targetLocale: input.targetLocale, glossary: input.glossary, machine }).map((f) => ({ ...f, segmentId: s.id })));
  }
  if (!input.edition) return { segments, edition: [] };
  const reassembly = reassembleEdition({
    markdown: input.revision.markdown, locale: input.targetLocale, frontMatterLocaleKeys: input.frontMatterLocaleKeys,
    linkTargets: input.linkTargets, texts: editionTexts(input.rows), frontMatterKeys: input.frontMatterKeys,
  });
  const edition = checkEdition({
    source: JSON.parse(input.revision.mdast) as Root,
    target: reassembly.tree,
    sourceLocale: input.sourceLocale,
    targetLocale: input.targetLocale,
    urlMap: Object.fromEntries(input.linkTargets),
    segments: input.rows.map((r) => ({ id: r.segment_id, state: r.state, text: r.text, machineText: r.machine_text })),
  });
  return input.keepEdition ? { segments, edition, reassembly } : { segments, edition };
}

function render(input: { tree: Root; locale: string; options: RenderOptions }): string {
  return renderEditionHtml(input.tree, input.locale, input.options);
}

function correction(input: { previous: { id: string; markdown: string }; markdown: string; at: string; note: string | null; frontMatterKeys: readonly string[] }): CorrectionNotice {
  return correctionNotice(input.previous, input.markdown, input.at, input.note, input.frontMatterKeys);
}

/** Uploaded interchange files (TMX, TBX, XLIFF) are parsed here too: a large one never stalls the event loop. */
const tmx = (input: { xml: string }) => parseTmx(input.xml);
const tbx = (input: { xml: string; sourceLocale?: string }) => parseTbx(input.xml, input.sourceLocale);
const glossaryCsv = (input: { text: string }) => parseGlossaryCsv(input.text);
const xliff = (input: { xml: string; slug: string; targetLocale: string }) => readXliff(input.xml, input.slug, input.targetLocale);

export const documentTasks = {
  source,
  tmx,
  tbx,
  glossaryCsv,
  xliff,
  align,
  reassemble: reassembleEdition,
  quality,
  render,
  correction,
};

export type DocumentTaskName = keyof typeof documentTasks;
export type DocumentTaskInput<N extends DocumentTaskName> = Parameters<(typeof documentTasks)[N]>[0];
export type DocumentTaskOutput<N extends DocumentTaskName> = ReturnType<(typeof documentTasks)[N]>;

/** Runs a task in this thread (the worker's body; the CLI's way). */
export function runDocumentTask<N extends DocumentTaskName>(name: N, input: DocumentTaskInput<N>, limits: DocumentLimits): DocumentTaskOutput<N> {
  return (documentTasks[name] as (input: DocumentTaskInput<N>, limits: DocumentLimits) => DocumentTaskOutput<N>)(input, limits);
}
