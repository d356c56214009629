import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentRoot, contentStatements } from '../support/corpora.ts';
import { runCli } from '../support/run-cli.ts';

let dir: string;
let env: Record<string, string>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'editions-cli-db-'));
  env = { EDITIONS_DB: join(dir, 'editions.db') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('editions import and drafts', () => {
  it('imports the content folder, then sees nothing changed', () => {
    const first = runCli(['import', contentRoot], env);
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(contentStatements().length);
    expect(lines.every((l) => /: created \(en, \d+ segments\)$/.test(l))).toBe(true);
    const again = runCli(['import', contentRoot], env);
    expect(again.stdout.trim().split('\n').every((l) => l.endsWith(': unchanged'))).toBe(true);
  });

  it('drafts three locales with progress, and has nothing to resume after', () => {
    const slug = contentStatements()[0]!.name;
    const r = runCli(['drafts', slug, '--to', 'es,ca,ar', '--provider', 'pseudo'], env);
    expect(r.status).toBe(0);
    for (const locale of ['ar', 'ca', 'es']) {
      expect(r.stdout).toMatch(new RegExp(`^${locale}: done, (\\d+)/\\1 drafted by pseudo`, 'm'));
      expect(r.stderr).toMatch(new RegExp(`^${locale} \\d+/\\d+ done$`, 'm'));
    }
    expect(runCli(['drafts', '--resume'], env).stdout).toBe('editions: no unfinished draft jobs\n');
  });

  it('publishes the source locale, and refuses a locale that is not approved', () => {
    const slug = contentStatements()[0]!.name;
    const ok = runCli(['publish', slug, '--to', 'en'], env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^en: published edition [0-9a-f-]{36} \(sha256 [0-9a-f]{12}…, visible from /);
    expect(runCli(['publish', slug, '--to', 'en'], env).stdout).toMatch(/^en: unchanged edition/);
    const refused = runCli(['publish', slug, '--to', 'es,en'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/es: \d+ segment\(s\) are not approved \[not_ready_to_publish\]/);
  });

  it('refuses an unknown statement and a missing --to', () => {
    expect(runCli(['drafts', 'no-such-statement', '--to', 'es', '--provider', 'pseudo'], env)).toMatchObject({ status: 1, stderr: expect.stringMatching(/No statement "no-such-statement" \[statement_not_found\]/) });
    expect(runCli(['drafts', 'x'], env)).toMatchObject({ status: 2 });
  });
});
