/** `editions publish <slug> --to fr,ar [--embargo <ISO time>]`: publish locales together, all or none. */
import { publish } from '../src/operations/publish.ts';
import type { Command } from './command.ts';
import { withContext } from './context.ts';
import { operator } from './import.ts';
import { parse, UsageError } from './parse-args.ts';

export const publishCommand: Command = async (args, { config, stdout }) => {
  const { positionals, values } = parse(args, { to: { type: 'string' }, embargo: { type: 'string' } }, 1);
  if (typeof values.to !== 'string') throw new UsageError('publish needs --to <locale,locale,…>');
  const locales = values.to.split(',').map((l) => l.trim()).filter(Boolean);
  return withContext(config, async (ctx) => {
    const { editions } = await publish(ctx, operator, { slug: positionals[0]!, locales, ...(typeof values.embargo === 'string' ? { embargoUntil: values.embargo } : {}) });
    for (const e of editions) {
      stdout.write(`${e.locale}: ${e.created ? 'published' : 'unchanged'} edition ${e.id} (sha256 ${e.hash.slice(0, 12)}…, visible from ${e.visible_from})\n`);
    }
    return 0;
  });
};
