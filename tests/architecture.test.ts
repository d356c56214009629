/** The layering rules of the code base, checked on the source files themselves. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/run-cli.ts';

function files(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
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

/** Every relative import (static, dynamic, `export … from`) of a file, as paths from the project root. */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(relative(projectRoot, resolve(dirname(join(projectRoot, file)), m[1]!)));
  }
  return out;
}

const sourceFiles = (dir: string) => files(dir).filter((f) => !f.endsWith('.d.ts')).map((f) => { const path = relative(projectRoot, f); return { path, imports: importsOf(path, readFileSync(f, 'utf8')) }; });

/** src/<folder>/… → the folder; a file directly in src/ is its own node (`config`, `hash`). */
function layerOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src') return undefined;
  return parts.length > 2 ? parts[1] : parts[1]!.replace(/\.tsx?$/, '');
}

/** The import cycles between nodes of a graph (Tarjan's strongly connected components of more than one node). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>(), out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next); low.set(v, next); next++; stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('layers (README.md, "Layout")', () => {
  const src = sourceFiles('src');

  it('has no import cycle between the top-level folders of src/', () => {
    const edges = new Map<string, Set<string>>();
    const why = new Map<string, string[]>();
    for (const f of src) {
      for (const target of f.imports) {
        const from = layerOf(f.path), to = layerOf(target);
        if (!from || !to || from === to) continue;
        edges.set(from, (edges.get(from) ?? new Set()).add(to));
        why.set(`${from} → ${to}`, [...(why.get(`${from} → ${to}`) ?? []), `${f.path} → ${target}`]);
      }
    }
    const found = cycles(edges).map((c) => ({ cycle: c, through: [...why].filter(([k]) => c.includes(k.split(' → ')[0]!) && c.includes(k.split(' → ')[1]!)).flatMap(([, v]) => v) }));
    expect(found).toEqual([]);
  });

  it.each([
    ['publishing', ['operations', 'jobs', 'store']],
    ['quality', ['operations', 'jobs', 'store']],
    ['markdown', ['operations', 'jobs', 'store']],
    ['webhooks', ['operations', 'jobs']],
    ['mt', ['operations', 'jobs', 'store', 'config']],
  ])('src/%s/ imports nothing from %j', (layer, above) => {
    const offenders = src.filter((f) => layerOf(f.path) === layer).flatMap((f) => f.imports.filter((t) => above.includes(layerOf(t) ?? '')).map((t) => `${f.path} → ${t}`));
    expect(offenders).toEqual([]);
  });

  it('src/types/ imports nothing of the project (plain types every layer may use)', () => {
    const offenders = src.filter((f) => layerOf(f.path) === 'types').flatMap((f) => f.imports.map((t) => `${f.path} → ${t}`));
    expect(offenders).toEqual([]);
  });

  /** server/ reaches storage only through operations: it may open the store (main.ts), wire the change feed, and name the Store type. */
  const storeForServer = ['src/store/open-store.ts', 'src/store/change-feed.ts', 'src/store/store.ts'];

  it('server/ imports from src/store/ only ' + storeForServer.join(', '), () => {
    const offenders = sourceFiles('server').flatMap((f) => f.imports.filter((t) => t.startsWith('src/store/') && !storeForServer.includes(t)).map((t) => `${f.path} → ${t}`));
    expect(offenders).toEqual([]);
  });

  it('server/ builds no query (no kysely, no store.db)', () => {
    const offenders = files('server').filter((f) => /from ['"]kysely['"]|\.db\b\s*\.|\b(selectFrom|insertInto|updateTable|deleteFrom)\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(projectRoot, f));
    expect(offenders).toEqual([]);
  });
});
