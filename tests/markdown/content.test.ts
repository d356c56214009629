/** The sample statements through the core: shape kept, every text reached, nothing else touched. */
import { describe, expect, it } from 'vitest';
import { lineFidelity } from '../../src/markdown/fidelity.ts';
import { parseMarkdown, reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { contentStatements } from '../support/corpora.ts';
import { pseudo } from '../support/translate.ts';
import { shapeOf, textValues } from '../support/trees.ts';

const statements = contentStatements();

describe('content/ statements', () => {
  it('are at least six', () => {
    expect(statements.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(statements)('$name', ({ markdown }) => {
    const doc = segmentMarkdown(markdown);
    const result = reassemble(doc, pseudo(doc));
    const out = parseMarkdown(result.markdown);

    it('keeps its shape under pseudo translation', () => {
      expect(result.findings).toEqual([]);
      expect(shapeOf(out)).toEqual(shapeOf(parseMarkdown(markdown)));
    });

    it('has every translatable text reached', () => {
      // Every text value that has a letter changed (pseudo accents every ASCII letter);
      // autolinks keep their text, which is their address.
      const before = textValues(parseMarkdown(markdown));
      const after = textValues(out);
      expect(after).toHaveLength(before.length);
      const untouched = before.filter((v, i) => /[A-Za-z]/.test(v) && v === after[i] && !/^(https?:|mailto:|www\.)|@/.test(v));
      expect(untouched).toEqual([]);
    });

    it('keeps every line outside segments byte-identical', () => {
      const f = lineFidelity(doc, result.markdown);
      expect(f.outside).toBeGreaterThan(0);
      expect(f.identical).toBe(f.outside);
    });
  });
});
