/**
 * Golden fixtures: for each source (tests/fixtures/markdown/*.md and the content/
 * statements) the expected segments and the expected pseudo translation. Regenerate on
 * purpose only: `UPDATE=1 npx vitest run tests/markdown/golden.test.ts`, then read the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, readFrontMatter, reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { contentStatements } from '../support/corpora.ts';
import { pseudo } from '../support/translate.ts';

const fixtures = new URL('../fixtures/markdown/', import.meta.url).pathname;
const golden = new URL('../fixtures/golden/', import.meta.url).pathname;
const update = process.env.UPDATE === '1';

const sources = [
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: f.replace(/\.md$/, ''), markdown: readFileSync(join(fixtures, f), 'utf8') })),
  ...contentStatements().map((s) => ({ name: `content-${s.name}`, markdown: s.markdown })),
];

function matchesGolden(file: string, actual: string) {
  const path = join(golden, file);
  if (update) {
    mkdirSync(golden, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${file} is missing: run with UPDATE=1 to write it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden fixtures', () => {
  it('cover the edge-case fixtures and at least six content statements', () => {
    expect(sources.filter((s) => s.name.startsWith('content-')).length).toBeGreaterThanOrEqual(6);
    expect(sources.length).toBeGreaterThanOrEqual(11);
  });

  describe.each(sources)('$name', ({ name, markdown }) => {
    const doc = segmentMarkdown(markdown);

    it('segments', () => {
      const segments = doc.segments.map(({ id, kind, path, text, placeholders }) => ({ id, kind, path, text, placeholders }));
      matchesGolden(`${name}.segments.json`, `${JSON.stringify(segments, null, 2)}\n`);
    });

    it('pseudo translation', () => {
      const result = reassemble(doc, pseudo(doc));
      expect(result.findings).toEqual([]);
      const before = readFrontMatter(doc.tree);
      const after = readFrontMatter(parseMarkdown(result.markdown));
      expect(after.kind).toBe(before.kind);
      if (before.kind === 'data' && after.kind === 'data') expect(Object.keys(after.data as object)).toEqual(Object.keys(before.data as object));
      matchesGolden(`${name}.pseudo.md`, result.markdown);
    });
  });
});
