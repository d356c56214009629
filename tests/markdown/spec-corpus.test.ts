/**
 * Every CommonMark 0.31.2 example and the GFM extension examples, through the whole core.
 * Trees are compared without positions.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown, reassemble, segmentMarkdown, stringifyMarkdown } from '../../src/markdown/index.ts';
import { commonmarkExamples, gfmExamples } from '../support/corpora.ts';
import { identity, pseudo } from '../support/translate.ts';
import { shapeOf, withoutPositions } from '../support/trees.ts';

const corpus = [...commonmarkExamples(), ...gfmExamples()];

/**
 * mdast-util-to-markdown writes a shortcut or collapsed reference (`[Foo*bar\]]`) as a full
 * one (`[Foo\*bar\]][Foo*bar\]]`) when its text does not serialise back to its label; the
 * reference still resolves to the same identifier. Only that field is set aside.
 */
function sansReferenceType<T>(tree: T): T {
  return JSON.parse(JSON.stringify(tree, (k, v) => (k === 'referenceType' ? undefined : v))) as T;
}

describe('spec corpus', () => {
  it('has every CommonMark example and the GFM extensions', () => {
    expect(commonmarkExamples()).toHaveLength(652);
    const gfm = gfmExamples();
    for (const ext of ['table', 'strikethrough', 'tasklist', 'autolink', 'footnotes']) {
      expect(gfm.some((e) => e.name.startsWith(`gfm ${ext} `)), ext).toBe(true);
    }
  });

  describe('identity translation reassembles the source tree', () => {
    it.each(corpus)('$name', ({ markdown }) => {
      const doc = segmentMarkdown(markdown);
      const { tree, findings } = reassemble(doc, identity(doc));
      expect(findings).toEqual([]);
      expect(tree).toEqual(withoutPositions(parseMarkdown(markdown)));
      // The property: parse → segment → identity → reassemble → stringify → parse
      // equals remark's own parse → stringify → parse.
      expect(withoutPositions(parseMarkdown(stringifyMarkdown(tree)))).toEqual(
        withoutPositions(parseMarkdown(stringifyMarkdown(parseMarkdown(markdown)))),
      );
    });
  });

  describe('re-serialising every segment in place gives the same tree', () => {
    it.each(corpus)('$name', ({ markdown }) => {
      const doc = segmentMarkdown(markdown);
      const { markdown: out } = reassemble(doc, identity(doc), { reserializeAll: true });
      expect(sansReferenceType(withoutPositions(parseMarkdown(out)))).toEqual(sansReferenceType(withoutPositions(parseMarkdown(markdown))));
    });
  });

  describe('pseudo translation keeps the shape', () => {
    it.each(corpus)('$name', ({ markdown }) => {
      const doc = segmentMarkdown(markdown);
      const result = reassemble(doc, pseudo(doc));
      expect(result.findings).toEqual([]);
      const shape = shapeOf(parseMarkdown(markdown));
      expect(shapeOf(parseMarkdown(result.markdown))).toEqual(shape);
      expect(shapeOf(result.tree)).toEqual(shape);
    });
  });
});
