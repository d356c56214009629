/** Property tests: random inline trees, random reorderings, random damage to placeholders. */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { BlockContent, PhrasingContent, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, reassemble, segmentMarkdown, stringifyMarkdown, xmlCodec } from '../../src/markdown/index.ts';
import type { Segment, Token } from '../../src/markdown/index.ts';
import { identity, pseudo } from '../support/translate.ts';
import { shapeOf, withoutPositions } from '../support/trees.ts';

const text = fc.stringMatching(/^[A-Za-z0-9 .,;:!?*_[\]()<>#`~|&\\'"-]{1,14}$/).map((value): PhrasingContent => ({ type: 'text', value }));

const inline = fc.letrec<{ node: PhrasingContent; nodes: PhrasingContent[] }>((tie) => ({
  nodes: fc.array(tie('node'), { minLength: 1, maxLength: 5 }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    text,
    fc.stringMatching(/^[a-z`<> ]{1,8}$/).map((value): PhrasingContent => ({ type: 'inlineCode', value })),
    tie('nodes').map((children): PhrasingContent => ({ type: 'emphasis', children })),
    tie('nodes').map((children): PhrasingContent => ({ type: 'strong', children })),
    tie('nodes').map((children): PhrasingContent => ({ type: 'delete', children })),
    fc.tuple(tie('nodes'), fc.constantFrom('https://example.org/a', '/b c', 'mailto:x@example.org')).map(
      ([children, url]): PhrasingContent => ({ type: 'link', url, children }),
    ),
    fc.constantFrom<PhrasingContent>({ type: 'image', url: 'i.png', alt: 'An image' }, { type: 'break' }),
  ),
})).nodes;

const block = fc.tuple(inline, fc.constantFrom('paragraph', 'heading', 'blockquote', 'list')).map(([children, kind]): BlockContent => {
  const paragraph: BlockContent = { type: 'paragraph', children };
  if (kind === 'heading') return { type: 'heading', depth: 2, children };
  if (kind === 'blockquote') return { type: 'blockquote', children: [paragraph] };
  if (kind === 'list') return { type: 'list', ordered: true, start: 1, spread: false, children: [{ type: 'listItem', spread: false, children: [paragraph] }] };
  return paragraph;
});

/**
 * Documents written from random trees, kept where remark's own serialiser can represent the
 * tree (parse → stringify → parse is stable): some runs of markers, such as `**a**\*\*`,
 * have no Markdown that remark writes for them, and that is not the core's to fix.
 */
const documents = fc
  .array(block, { minLength: 1, maxLength: 4 })
  .map((children) => stringifyMarkdown({ type: 'root', children } as Root))
  .filter((markdown) => {
    const tree = withoutPositions(parseMarkdown(markdown));
    return isDeepStrictEqual(withoutPositions(parseMarkdown(stringifyMarkdown(tree))), tree);
  });

/** Top-level groups of a token list: a text run, a standalone, or an open…close span. */
function groups(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let depth = 0;
  for (const t of tokens) {
    if (depth === 0) out.push([]);
    out[out.length - 1]!.push(t);
    if (t.type === 'open') depth++;
    if (t.type === 'close') depth--;
  }
  return out;
}

/** A generated document and one of its segments that has placeholders. */
const cases = documents
  .map((markdown) => {
    const doc = segmentMarkdown(markdown);
    return { doc, segment: doc.segments.find((s) => s.placeholders.length > 0 && s.kind !== 'alt' && s.kind !== 'title') };
  })
  .filter((c): c is { doc: ReturnType<typeof segmentMarkdown>; segment: Segment } => c.segment !== undefined);

describe('random inline trees', () => {
  it('come back from an identity translation as the same tree and the same Markdown meaning', () => {
    fc.assert(
      fc.property(documents, (markdown) => {
        const doc = segmentMarkdown(markdown);
        const expected = withoutPositions(parseMarkdown(markdown));
        expect(reassemble(doc, identity(doc)).tree).toEqual(expected);
        // Re-serialised in place, with the source's own markers (see the pseudo case below).
        fc.pre(isDeepStrictEqual(withoutPositions(parseMarkdown(stringifyMarkdown(expected, doc.style))), expected));
        const spliced = reassemble(doc, identity(doc), { reserializeAll: true }).markdown;
        expect(withoutPositions(parseMarkdown(spliced))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keep their shape under pseudo translation', () => {
    fc.assert(
      fc.property(documents, (markdown) => {
        const doc = segmentMarkdown(markdown);
        const r = reassemble(doc, pseudo(doc));
        expect(r.findings).toEqual([]);
        expect(shapeOf(r.tree)).toEqual(shapeOf(parseMarkdown(markdown)));
        // The spliced Markdown is written by remark's serialiser, unit by unit. Where remark
        // cannot write the translated tree at all (emphasis directly inside emphasis next to
        // punctuation, e.g. em(em("[á~")) → "***\[á\~**]*"), that is its limit, not ours:
        // such cases are set aside; every other must keep its shape.
        fc.pre(isDeepStrictEqual(shapeOf(parseMarkdown(stringifyMarkdown(r.tree, doc.style))), shapeOf(r.tree)));
        expect(shapeOf(parseMarkdown(r.markdown))).toEqual(shapeOf(parseMarkdown(markdown)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('placeholders', () => {
  it('reassemble in any order of their groups', () => {
    fc.assert(
      fc.property(cases, fc.infiniteStream(fc.nat()), ({ doc, segment }, seeds) => {
        const shuffled = shuffle(groups(segment.tokens), seeds).flat();
        const r = reassemble(doc, { [segment.id]: xmlCodec.encode(shuffled) });
        expect(r.findings.filter((f) => f.segmentId === segment.id)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('that are dropped, duplicated or unknown are always reported', () => {
    fc.assert(
      fc.property(cases, fc.nat(), fc.constantFrom('drop', 'duplicate', 'unknown'), ({ doc, segment: s }, pick, damage) => {
        const target = s.placeholders[pick % s.placeholders.length]!;
        let tokens: Token[];
        let expected: string;
        if (damage === 'drop') {
          tokens = s.tokens.filter((t) => t.type === 'text' || t.id !== target.id);
          expected = 'placeholder-missing';
        } else if (damage === 'duplicate') {
          const at = s.tokens.findIndex((t) => t.type !== 'text' && t.id === target.id);
          tokens = [...s.tokens, s.tokens[at]!];
          if (target.paired) tokens.push({ type: 'close', id: target.id });
          expected = 'placeholder-duplicated';
        } else {
          tokens = [...s.tokens, { type: 'standalone', id: s.placeholders.length + 1 + (pick % 5) }];
          expected = 'placeholder-unknown';
        }
        const r = reassemble(doc, { [s.id]: xmlCodec.encode(tokens) });
        const mine = r.findings.filter((f) => f.segmentId === s.id);
        expect(mine.map((f) => f.code)).toContain(expected);
        expect(mine.every((f) => f.usedSource)).toBe(true);
        expect(r.translated).not.toContain(s.id);
      }),
      { numRuns: 300 },
    );
  });
});

function shuffle<T>(items: T[], seeds: Iterable<number>): T[] {
  const out = [...items];
  const it = seeds[Symbol.iterator]();
  for (let i = out.length - 1; i > 0; i--) {
    const j = it.next().value % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
