/**
 * Every DomainError raised in src/, server/ and cli/ passes the details its message uses: for
 * each `new DomainError(code, …, details)`, every {{variable}} of the code's message (the
 * same in en, fr and ar: tests/locales.test.ts) is a property of the details' type, as the
 * compiler sees it, so that no reader gets "The input is … bytes". Also: the validation
 * messages (locales/<lng>/validation.json) have the same keys and variables in every language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/errors.ts';
import { uiLanguages } from '../src/i18n.ts';
import { projectRoot } from './support/run-cli.ts';

const read = (lng: string, ns: string) => JSON.parse(readFileSync(join(projectRoot, 'locales', lng, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const variables = (message: string) => [...new Set([...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))].sort();

function sources(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

interface Site {
  where: string;
  code: string;
  /** The details' property names; undefined when the compiler cannot list them (an index signature). */
  keys: string[] | undefined;
}

function domainErrorSites(): Site[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(projectRoot, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const files = ['src', 'server', 'cli'].flatMap(sources);
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const sites: Site[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'DomainError') {
        const [code, , details] = node.arguments ?? [];
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        const where = `${relative(projectRoot, file)}:${line + 1}`;
        // The code as the compiler sees it: a literal, or a union of literals (a variable of type ErrorCode re-raises an error of any code: not checked).
        const codeType = code ? checker.getTypeAtLocation(code) : undefined;
        const codes = (codeType?.isUnion() ? codeType.types : codeType ? [codeType] : []).map((t) => (t.isStringLiteral() ? t.value : undefined));
        const type = details ? checker.getTypeAtLocation(details) : undefined;
        const indexed = type && (checker.getIndexInfosOfType(type).length > 0 || (type.flags & ts.TypeFlags.Any) !== 0);
        const keys = indexed ? undefined : (type?.getProperties().map((p) => p.name) ?? []);
        if (codes.length === 0 || codes.includes(undefined)) sites.push({ where, code: code?.getText() ?? '(none)', keys: [] });
        else if (codes.length < errorCodes.length) for (const c of codes) sites.push({ where, code: c!, keys });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

describe('DomainError details', () => {
  const messages = read('en', 'errors') as Record<string, string>;
  const sites = domainErrorSites();

  it('are found in the source', () => {
    expect(sites.length).toBeGreaterThan(50);
  });

  it('name a code whose message exists, and carry every variable the message uses', () => {
    const problems: string[] = [];
    for (const site of sites) {
      if (!(errorCodes as readonly string[]).includes(site.code)) {
        problems.push(`${site.where}: ${site.code} is not a literal error code`);
        continue;
      }
      if (site.keys === undefined) continue;
      const missing = variables(messages[site.code] ?? '').filter((v) => !site.keys!.includes(v));
      if (missing.length > 0) problems.push(`${site.where}: ${site.code} without ${missing.join(', ')}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('locales/<lng>/validation.json', () => {
  const flat = (o: Record<string, unknown>, prefix = ''): Record<string, string> =>
    Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flat(v as Record<string, unknown>, `${prefix}${k}.`)))));
  const en = flat(read('en', 'validation'));

  // Every interface language: each directory under locales/.
  it.each(uiLanguages.filter((l) => l !== 'en'))('has every message in %s, with the same variables', (lng) => {
    const other = flat(read(lng, 'validation'));
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect(variables(other[key]!), `${lng} ${key}`).toEqual(variables(en[key]!));
  });
});
