/** Building quality-check inputs for the tests: a segment from Markdown or from its xml form. */
import { parseMarkdown, segmentMarkdown, xmlCodec } from '../../src/markdown/index.ts';
import type { Placeholder } from '../../src/markdown/index.ts';
import type { EditionCheckInput, GlossaryEntry, SegmentCheckInput } from '../../src/quality/index.ts';

type Segment = SegmentCheckInput['segment'];

/** The first segment of a Markdown text, with its real placeholders. */
export function segmentOf(markdown: string): Segment {
  const s = segmentMarkdown(markdown).segments[0];
  if (!s) throw new Error(`no segment in ${JSON.stringify(markdown)}`);
  return { id: s.id, kind: s.kind, text: s.text, placeholders: s.placeholders };
}

/** A paragraph segment from its xml form: `<g>` placeholders are emphasis, `<x/>` inline code. */
export function segmentFromXml(text: string, id = 'seg-1'): Segment {
  const placeholders: Placeholder[] = [];
  for (const t of xmlCodec.decode(text).tokens) {
    if (t.type === 'open') placeholders.push({ id: t.id, kind: 'emphasis', paired: true });
    if (t.type === 'standalone') placeholders.push({ id: t.id, kind: 'inlineCode', paired: false });
  }
  return { id, kind: 'paragraph', text, placeholders };
}

export interface InputOptions {
  from?: string;
  to?: string;
  glossary?: GlossaryEntry[];
}

export function segmentInput(source: string | Segment, text: string, options: InputOptions = {}): SegmentCheckInput {
  return {
    segment: typeof source === 'string' ? segmentFromXml(source) : source,
    text,
    sourceLocale: options.from ?? 'en',
    targetLocale: options.to ?? 'fr',
    glossary: options.glossary ?? [],
  };
}

export function editionInput(source: string, target: string, options: Partial<Omit<EditionCheckInput, 'source' | 'target'>> = {}): EditionCheckInput {
  return {
    source: parseMarkdown(source),
    target: parseMarkdown(target),
    sourceLocale: options.sourceLocale ?? 'en',
    targetLocale: options.targetLocale ?? 'fr',
    urlMap: options.urlMap ?? {},
    segments: options.segments ?? [],
  };
}

export const doNotTranslate = (term: string): GlossaryEntry => ({ term, doNotTranslate: true, targetText: null, variants: [] });
export const preferred = (term: string, targetText: string, variants: string[] = []): GlossaryEntry => ({ term, doNotTranslate: false, targetText, variants });

/** The parts of findings a test asserts on, without the segment id. */
export const brief = <T extends { key: string; severity: string; args: object; fix?: string }>(findings: readonly T[]) =>
  findings.map((f) => (f.fix === undefined ? { key: f.key, severity: f.severity, args: f.args } : { key: f.key, severity: f.severity, args: f.args, fix: f.fix }));
