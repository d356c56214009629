/** Argument parsing for the CLI's commands (node:util parseArgs, strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** `positionals`: how many file or name arguments, exactly or as [min, max]. */
export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: number | [number, number]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [min, max] = typeof positionals === 'number' ? [positionals, positionals] : positionals;
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    throw new UsageError(min === max ? `expected ${min} argument${min === 1 ? '' : 's'}, got ${n}` : `expected ${min} to ${max} arguments, got ${n}`);
  }
  return parsed;
}
