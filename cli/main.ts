/**
 * The command-line tool: `npm run --silent editions -- <command>`.
 * Errors are one line on stderr and a non-zero exit, never a stack trace.
 */
import { DomainError } from '../src/errors.ts';
import { loadConfig } from '../src/config.ts';
import { commands, usage, UsageError } from './commands.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  const config = loadConfig();
  return command(rest, { config, stdout: process.stdout, stderr: process.stderr });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`editions: ${error.message}\n\n${usage}`);
      process.exitCode = 2;
    } else if (error instanceof DomainError) {
      process.stderr.write(`editions: ${error.message} [${error.code}]\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`editions: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 70;
    }
  },
);
