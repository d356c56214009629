import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { parseMarkdown } from '../../src/markdown/index.ts';
import { runCli, runNpm } from '../support/run-cli.ts';
import { shapeOf } from '../support/trees.ts';

let dir: string;
const sample = '---\ntitle: Seeds for everyone\n---\n\n# A *new* seed bank\n\nRead [the report](https://example.org/r) and `REF-7`.\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'editions-cli-'));
  writeFileSync(join(dir, 'sample.md'), sample);
  writeFileSync(join(dir, 'latin1.md'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
  writeFileSync(join(dir, 'big.md'), 'word '.repeat(400));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Error:|node:internal/);

describe('editions translate', () => {
  it('prints the pseudo-translated Markdown through the npm script', () => {
    const r = runNpm(['run', '--silent', 'editions', '--', 'translate', join(dir, 'sample.md'), '--to', 'fr', '--provider', 'pseudo']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      '---\ntitle: "[Šééðš ƒóŕ éṽéŕýóñé ·····]"\n---\n\n# \\[Á *ñéŵ* šééð ƀáñķ ····]\n\n\\[Ŕéáð [ţĥé ŕéþóŕţ](https://example.org/r) áñð `REF-7`. ·····]\n',
    );
    expect(shapeOf(parseMarkdown(r.stdout))).toEqual(shapeOf(parseMarkdown(sample)));
  });

  it.each([
    [['translate', 'missing.md', '--to', 'fr', '--provider', 'pseudo'], 1, /Cannot read missing\.md/],
    [['translate', 'LATIN1', '--to', 'fr', '--provider', 'pseudo'], 1, /not valid UTF-8/],
    [['translate', 'SAMPLE', '--to', 'not a tag', '--provider', 'pseudo'], 1, /Not a valid BCP 47 language tag/],
    [['translate', 'SAMPLE', '--to', 'fr', '--provider', 'nope'], 1, /Unknown provider "nope"/],
    [['translate', 'SAMPLE', '--to', 'fr'], 2, /--provider <id> is required/],
    [['translate', 'SAMPLE', '--provider', 'pseudo'], 2, /--to <locale> is required/],
    [['translate', 'SAMPLE', '--to', 'fr', '--provider', 'pseudo', '--bogus'], 2, /Unknown option '--bogus'/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
  ])('refuses %j with exit %i and a clear message', (args, status, message) => {
    const resolved = args.map((a) => (a === 'SAMPLE' ? join(dir, 'sample.md') : a === 'LATIN1' ? join(dir, 'latin1.md') : a));
    const r = runCli(resolved);
    expect(r.status).toBe(status);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });

  it('refuses a file over the size limit', () => {
    const r = runCli(['translate', join(dir, 'big.md'), '--to', 'fr', '--provider', 'pseudo'], { EDITIONS_MAX_DOCUMENT_BYTES: '1000' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is 2000 bytes; the limit is 1000 bytes \[input_too_large\]/);
    noStack(r.stderr);
  });
});

describe('editions segments', () => {
  it('prints the segments as JSON', () => {
    const r = runCli(['segments', join(dir, 'sample.md')]);
    expect(r.status).toBe(0);
    const segments = JSON.parse(r.stdout) as { kind: string; text: string; path: string }[];
    expect(segments.map((s) => [s.kind, s.path, s.text])).toEqual([
      ['frontmatter', '/0#yaml:title', 'Seeds for everyone'],
      ['heading', '/1', 'A <g id="1">new</g> seed bank'],
      ['paragraph', '/2', 'Read <g id="1">the report</g> and <x id="2"/>.'],
    ]);
  });
});
