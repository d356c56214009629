/** What every CLI command is: it parses its arguments, calls the core, and answers an exit code. */
import type { Config } from '../src/config.ts';

export interface CommandContext {
  config: Config;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type Command = (args: string[], ctx: CommandContext) => Promise<number>;
