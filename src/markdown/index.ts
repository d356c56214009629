/** The Markdown core: statement → segments → statement, without loss. */
export { parseMarkdown, readFrontMatter, type FrontMatter } from './parse.ts';
export { stringifyMarkdown, stringifyOptions } from './stringify.ts';
export { segmentTree, type Segment, type SegmentKind, type SegmentedDocument, type SegmentOptions } from './segment.ts';
export { reassemble, type Reassembly, type ReassembleOptions } from './reassemble.ts';
export type { Translations } from './resolve-translations.ts';
export type { Finding, FindingCode } from './findings.ts';
export { codecs, xmlCodec, xliff2Codec, type PlaceholderCodec } from './placeholder-codec.ts';
export type { Placeholder, PlaceholderKind, Token } from './tokens.ts';

export { defaultLimits, type DocumentLimits, type LimitName } from './limits.ts';

import { checkSegmentCount, defaultLimits, type DocumentLimits } from './limits.ts';
import { parseMarkdown } from './parse.ts';
import { segmentTree, type SegmentOptions, type SegmentedDocument } from './segment.ts';

/** Parse and segment in one step, within `limits` (default: defaultLimits; `null`: none), else DomainError input_too_complex. */
export function segmentMarkdown(source: string, options: SegmentOptions & { limits?: DocumentLimits | null } = {}): SegmentedDocument {
  const limits = options.limits === undefined ? defaultLimits : options.limits;
  const doc = segmentTree(source, parseMarkdown(source, limits), options);
  if (limits) checkSegmentCount(doc.segments.length, limits);
  return doc;
}
