/** The example corpora the Markdown core is tested on. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import spec from 'commonmark-spec';

export interface Example {
  name: string;
  markdown: string;
}

export function commonmarkExamples(): Example[] {
  return spec.tests.map((t) => ({ name: `commonmark #${t.number} (${t.section})`, markdown: t.markdown.replace(/→/g, '\t') }));
}

interface GfmExample {
  section: string;
  extension: string;
  example?: number;
  markdown: string;
}

export function gfmExamples(): Example[] {
  const file = new URL('../fixtures/spec/gfm-examples.json', import.meta.url);
  const all = JSON.parse(readFileSync(file, 'utf8')) as GfmExample[];
  return all.map((e, i) => ({ name: `gfm ${e.extension} #${e.example ?? i + 1}`, markdown: e.markdown }));
}

export const contentRoot = new URL('../../content/statements/', import.meta.url).pathname;

/** The sample statements in content/statements/<slug>/source.en.md. */
export function contentStatements(): Example[] {
  return readdirSync(contentRoot)
    .filter((slug) => existsSync(join(contentRoot, slug, 'source.en.md')))
    .sort()
    .map((slug) => ({ name: slug, markdown: readFileSync(join(contentRoot, slug, 'source.en.md'), 'utf8') }));
}
