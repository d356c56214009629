/** `editions export <dir> [--base-url <url>]`: every published edition as static files (see src/operations/static-export.ts). */
import { exportStatic } from '../src/operations/static-export.ts';
import type { Command } from './command.ts';
import { withContext } from './context.ts';
import { parse, UsageError } from './parse-args.ts';

export const exportCommand: Command = async (args, { config, stdout }) => {
  const { positionals, values } = parse(args, { 'base-url': { type: 'string' } }, 1);
  const base = typeof values['base-url'] === 'string' ? values['base-url'] : config.publicUrl;
  if (!base) throw new UsageError('export needs --base-url <https://…> (or EDITIONS_PUBLIC_URL): sitemaps and feeds carry absolute URLs');
  if (!/^https?:\/\/[^/\s]+/.test(base)) throw new UsageError(`--base-url must be an http(s) URL, not ${JSON.stringify(base)}`);
  return withContext(config, async (ctx) => {
    const { reviewerDisplay, siteLanguage, labelsDir } = config.editionPages;
    const r = await exportStatic(ctx, positionals[0]!, base, { reviewerDisplay, labels: { siteLanguage, ...(labelsDir ? { labelsDir } : {}) } });
    stdout.write(`exported ${r.editions} edition(s) in ${r.locales.length} locale(s) (${r.locales.join(', ') || 'none'}): ${r.files} files in ${positionals[0]}\n`);
    return 0;
  });
};
