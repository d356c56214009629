/** The CLI's commands; each parses its arguments and calls the core. */
import { DomainError } from '../src/errors.ts';
import { canonicalLocale } from '../src/locale.ts';
import { segmentMarkdown } from '../src/markdown/index.ts';
import { startEngines } from '../src/mt/engines.ts';
import { machineTranslate } from '../src/mt/translate-document.ts';
import { readDocument } from '../src/read-document.ts';
import { drafts } from './drafts.ts';
import { importCommand } from './import.ts';
import { publishCommand } from './publish.ts';
import { exportCommand } from './export.ts';
import { glossaryCommand } from './glossary.ts';
import { tmCommand } from './tm.ts';
import { parse, UsageError } from './parse-args.ts';
import type { Command } from './command.ts';

export { UsageError };

export const usage = `Usage: npm run --silent editions -- <command> [options]

Commands:
  segments <file.md>                          print the translatable segments as JSON
  translate <file.md> --to <locale> [--from <locale>] --provider <id>
                                              print the translated Markdown
  import <file.md|folder> [--slug <slug>] [--locale <locale>]
                                              statements into the database (EDITIONS_DB)
  drafts <slug> --to <locale,…> [--provider <id>]
                                              machine drafts into the database, with progress
  drafts --resume                             finish draft jobs an interrupted run left
  publish <slug> --to <locale,…> [--embargo <ISO time>]
                                              publish approved locales together, all or none
  export <dir> [--base-url <url>]             every published edition as Markdown, HTML and
                                              JSON, feeds and a sitemap, for a static site
  glossary import <file.tbx|file.csv> [--source <locale>]
                                              glossary terms from TBX-Basic or CSV, all or none
  glossary export [--format tbx|csv] [-o <file>] [--locale <locale>] [--collection <name>]
                                              the glossary as TBX-Basic (default) or CSV
  tm import <file.tmx>                        translation memory from TMX 1.4b (added, unchanged,
                                              refused with why; a progress bar for large files)
  tm export --source <locale> --target <locale> [-o <file>]
                                              the approved memory of a pair as TMX 1.4b
`;

const segments: Command = async (args, { config, stdout }) => {
  const { positionals } = parse(args, {}, 1);
  const source = await readDocument(positionals[0]!, config.maxDocumentBytes);
  const doc = segmentMarkdown(source, { frontMatterKeys: config.frontMatterKeys, limits: config.documents.limits });
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
  const source = await readDocument(positionals[0]!, config.maxDocumentBytes);
  const doc = segmentMarkdown(source, { frontMatterKeys: config.frontMatterKeys, limits: config.documents.limits });
  const engines = await startEngines(values.provider === 'apertium' ? config : { ...config, apertium: 'off' });
  let result;
  try {
    const provider = engines.providers.get(values.provider);
    if (!provider) throw new DomainError('provider_unknown', `Unknown provider ${JSON.stringify(values.provider)}; known: ${engines.providers.all().map((p) => p.id).join(', ')}`, { provider: values.provider });
    result = await machineTranslate(doc, provider, from, target);
  } finally {
    await engines.stop();
  }
  for (const f of result.findings) {
    stderr.write(`editions: segment ${f.segmentId}: ${f.code}${f.placeholderId ? ` (placeholder ${f.placeholderId})` : ''}; source text kept\n`);
  }
  stdout.write(result.markdown);
  return 0;
};

export const commands: Record<string, Command> = { segments, translate, import: importCommand, drafts, publish: publishCommand, export: exportCommand, tm: tmCommand, glossary: glossaryCommand };
