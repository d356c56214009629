/** The Markdown core: statement → segments → statement, without loss. */
export { parseMarkdown, readFrontMatter, type FrontMatter } from './parse.ts';
export { stringifyMarkdown, stringifyOptions } from './stringify.ts';
export { segmentTree, type Segment, type SegmentKind, type SegmentedDocument, type SegmentOptions } from './segment.ts';
export { reassemble, type Reassembly, type ReassembleOptions } from './reassemble.ts';
export type { Translations } from './resolve-translations.ts';
export type { Finding, FindingCode } from './findings.ts';
export { codecs, xmlCodec, xliff2Codec, type PlaceholderCodec } from './placeholder-codec.ts';
export type { Placeholder, PlaceholderKind, Token } from './tokens.ts';

import { parseMarkdown } from './parse.ts';
import { segmentTree, type SegmentOptions, type SegmentedDocument } from './segment.ts';

/** Parse and segment in one step. */
export function segmentMarkdown(source: string, options: SegmentOptions = {}): SegmentedDocument {
  return segmentTree(source, parseMarkdown(source), options);
}
