/** The CLI's commands; each parses its arguments and calls the core. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../src/config.ts';
import { canonicalLocale } from '../src/locale.ts';
import { segmentMarkdown } from '../src/markdown/index.ts';
import { createProvider } from '../src/mt/registry.ts';
import { machineTranslate } from '../src/mt/translate-document.ts';
import { readDocument } from '../src/read-document.ts';

export class UsageError extends Error {}

export interface CommandContext {
  config: Config;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type Command = (args: string[], ctx: CommandContext) => Promise<number>;

export const usage = `Usage: npm run --silent editions -- <command> [options]

Commands:
  segments <file.md>                          print the translatable segments as JSON
  translate <file.md> --to <locale> [--from <locale>] --provider <id>
                                              print the translated Markdown
`;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(`expected ${positionals} file argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}`);
  }
  return parsed;
}

const segments: Command = async (args, { config, stdout }) => {
  const { positionals } = parse(args, {}, 1);
  const source = await readDocument(positionals[0]!, config.maxDocumentBytes);
  const doc = segmentMarkdown(source, { frontMatterKeys: config.frontMatterKeys });
  const out = doc.segments.map(({ id, kind, path, text, placeholders }) => ({ id, kind, path, text, placeholders }));
  stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
};

const translate: Command = async (args, { config, stdout, stderr }) => {
  const { positionals, values } = parse(
    args,
    { to: { type: 'string' }, from: { type: 'string', default: 'en' }, provider: { type: 'string' } },
    1,
  );
  if (typeof values.to !== 'string') throw new UsageError('--to <locale> is required');
  if (typeof values.provider !== 'string') throw new UsageError('--provider <id> is required (e.g. --provider pseudo)');
  const target = canonicalLocale(values.to);
  const from = canonicalLocale(String(values.from));
  const provider = createProvider(values.provider);
  const source = await readDocument(positionals[0]!, config.maxDocumentBytes);
  const doc = segmentMarkdown(source, { frontMatterKeys: config.frontMatterKeys });
  const result = await machineTranslate(doc, provider, from, target);
  for (const f of result.findings) {
    stderr.write(`editions: segment ${f.segmentId}: ${f.code}${f.placeholderId ? ` (placeholder ${f.placeholderId})` : ''}; source text kept\n`);
  }
  stdout.write(result.markdown);
  return 0;
};

export const commands: Record<string, Command> = { segments, translate };
