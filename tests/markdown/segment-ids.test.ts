import { describe, expect, it } from 'vitest';
import { segmentMarkdown } from '../../src/markdown/index.ts';

const base = `# Title

First paragraph with a [link](https://example.org/a).

Second paragraph.

- Item one
- Item two
`;

const ids = (md: string) => segmentMarkdown(md).segments.map((s) => s.id);
const byText = (md: string) => new Map(segmentMarkdown(md).segments.map((s) => [s.text, s.id]));

describe('segment ids', () => {
  it('are the same for the same source', () => {
    expect(ids(base)).toEqual(ids(base));
  });

  it('do not move when a paragraph is inserted before them', () => {
    const before = byText(base);
    const after = byText(base.replace('Second paragraph.', 'A new paragraph.\n\nSecond paragraph.'));
    for (const [text, id] of before) expect(after.get(text)).toBe(id);
    expect(after.size).toBe(before.size + 1);
  });

  it('change only for the segment whose text changed', () => {
    const before = ids(base);
    const after = ids(base.replace('Second paragraph.', 'Second paragraph, revised.'));
    expect(after.filter((id, i) => id !== before[i])).toHaveLength(1);
  });

  it('survive a change of URL or of markup style, which translations do not depend on', () => {
    expect(ids(base.replace('https://example.org/a', 'https://example.org/b').replace('- Item', '* Item'))).toEqual(ids(base));
  });

  it('tell repeated text apart by occurrence', () => {
    const doc = segmentMarkdown('Same.\n\nSame.\n\nSame.\n');
    const [a, b, c] = doc.segments.map((s) => s.id);
    expect(b).toBe(`${a}-2`);
    expect(c).toBe(`${a}-3`);
  });

  it('differ between kinds with the same text', () => {
    const [heading, paragraph] = segmentMarkdown('# Same\n\nSame\n').segments;
    expect(heading!.id).not.toBe(paragraph!.id);
  });
});
