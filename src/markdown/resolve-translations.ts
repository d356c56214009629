/**
 * Decides, per segment, which tokens go into the edition: the translation when it is
 * usable, else the source text, with findings saying why.
 */
import type { Finding } from './findings.ts';
import { xmlCodec, type PlaceholderCodec } from './placeholder-codec.ts';
import type { Segment } from './segment.ts';
import type { Token } from './tokens.ts';
import { hasTranslatableText, tokensEqual } from './tokens.ts';
import { validatePlaceholders } from './validate-placeholders.ts';

export type Translations = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export interface ResolvedSegment {
  segment: Segment;
  tokens: Token[];
  /** The tokens differ from the source's. */
  changed: boolean;
}

export function lookup(translations: Translations, id: string): string | undefined {
  if (translations instanceof Map) return translations.get(id);
  return Object.hasOwn(translations, id) ? (translations as Record<string, string>)[id] : undefined;
}

export function resolveTranslations(
  segments: readonly Segment[],
  translations: Translations,
  codec: PlaceholderCodec = xmlCodec,
): { resolved: ResolvedSegment[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const resolved = segments.map((segment): ResolvedSegment => {
    const keep = { segment, tokens: segment.tokens, changed: false };
    const text = lookup(translations, segment.id);
    if (text === undefined) {
      findings.push({ code: 'translation-missing', segmentId: segment.id, usedSource: true });
      return keep;
    }
    const { tokens, problems } = codec.decode(text);
    const issues = [
      ...problems.map((p) => ({ code: p.code, placeholderId: 'placeholderId' in p ? p.placeholderId : undefined })),
      ...validatePlaceholders(tokens, segment.placeholders),
    ];
    if (issues.length > 0) {
      for (const issue of issues) {
        const f: Finding = { code: issue.code, segmentId: segment.id, usedSource: true };
        if (issue.placeholderId !== undefined) f.placeholderId = issue.placeholderId;
        findings.push(f);
      }
      return keep;
    }
    if (!hasTranslatableText(tokens)) {
      findings.push({ code: 'translation-empty', segmentId: segment.id, usedSource: true });
      return keep;
    }
    const trimmed = trimEdges(tokens, segment.tokens);
    return { segment, tokens: trimmed, changed: !tokensEqual(trimmed, segment.tokens) };
  });
  return { resolved, findings };
}

/** Leading and trailing white space the source does not have is dropped. */
function trimEdges(tokens: Token[], source: readonly Token[]): Token[] {
  const out = tokens.map((t) => ({ ...t }));
  const first = out[0];
  const srcFirst = source[0];
  if (first?.type === 'text' && !(srcFirst?.type === 'text' && /^\s/.test(srcFirst.value))) first.value = first.value.trimStart();
  const last = out[out.length - 1];
  const srcLast = source[source.length - 1];
  if (last?.type === 'text' && !(srcLast?.type === 'text' && /\s$/.test(srcLast.value))) last.value = last.value.trimEnd();
  return out.filter((t) => t.type !== 'text' || t.value !== '');
}
