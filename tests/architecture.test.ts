/** The layering rules of the code base, checked on the source files themselves. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/run-cli.ts';

function files(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('src/', () => {
  const sources = files('src').map((f) => [f.slice(projectRoot.length), readFileSync(f, 'utf8')] as const);

  it('has source files', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it('imports nothing from server/ or cli/', () => {
    const offenders = sources.filter(([, text]) => /from ['"](\.\.\/)+(server|cli)\//.test(text)).map(([f]) => f);
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in src/config.ts', () => {
    const offenders = sources.filter(([f, text]) => text.includes('process.env') && f !== 'src/config.ts').map(([f]) => f);
    expect(offenders).toEqual([]);
  });
});
