/**
 * `editions glossary import <file.tbx|file.csv> [--source <tag>]` and
 * `editions glossary export [--format tbx|csv] [-o file] [--locale <tag>] [--collection <name>] [--source <tag>]`.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DomainError } from '../src/errors.ts';
import { exportGlossary, importGlossary, type GlossaryFormat } from '../src/operations/glossary-interchange.ts';
import { readDocument } from '../src/read-document.ts';
import type { Command } from './command.ts';
import { withContext } from './context.ts';
import { operator } from './import.ts';
import { parse, UsageError } from './parse-args.ts';

function formatOf(path: string): GlossaryFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.tbx' || ext === '.xml') return 'tbx';
  if (ext === '.csv') return 'csv';
  throw new UsageError(`glossary import takes a .tbx or .csv file, not ${JSON.stringify(path)}`);
}

export const glossaryCommand: Command = async (args, { config, stdout, stderr }) => {
  const [action, ...rest] = args;
  if (action === 'import') {
    const { positionals, values } = parse(rest, { source: { type: 'string' } }, 1);
    const path = positionals[0]!;
    const format = formatOf(path);
    // The same bound as the service's request bodies.
    const text = await readDocument(path, config.maxDocumentBytes * 2);
    return withContext(config, async (ctx) => {
      try {
        const result = await importGlossary(ctx, operator, { format, text, ...(typeof values.source === 'string' ? { sourceLocale: values.source } : {}) });
        stdout.write(`${path}: ${result.added} added, ${result.unchanged} unchanged (source language ${result.sourceLocale})\n`);
        return 0;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'glossary_import_refused') {
          for (const e of error.details.entries as { line: number; term: string; locale: string | null; outcome: string; problem?: string }[]) {
            if (e.outcome === 'refused') stderr.write(`editions: ${path} line ${e.line}: ${e.term}${e.locale ? ` (${e.locale})` : ''}: ${e.problem}\n`);
          }
        }
        throw error;
      }
    });
  }
  if (action === 'export') {
    const { values } = parse(rest, { format: { type: 'string', default: 'tbx' }, output: { type: 'string', short: 'o' }, locale: { type: 'string' }, collection: { type: 'string' }, source: { type: 'string' } }, 0);
    if (values.format !== 'tbx' && values.format !== 'csv') throw new UsageError(`--format is tbx or csv, not ${JSON.stringify(values.format)}`);
    const format = values.format;
    const out = typeof values.output === 'string' ? values.output : undefined;
    const body = await withContext(config, (ctx) =>
      exportGlossary(ctx, { format, ...(typeof values.locale === 'string' ? { locale: values.locale } : {}), ...(typeof values.collection === 'string' ? { collection: values.collection } : {}), ...(typeof values.source === 'string' ? { sourceLocale: values.source } : {}) }),
    );
    if (out) await writeFile(out, body);
    else stdout.write(body);
    return 0;
  }
  throw new UsageError('glossary needs import <file.tbx|file.csv> or export [--format tbx|csv] [-o file]');
};
