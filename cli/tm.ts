/** `editions tm import <file.tmx>` and `editions tm export --source en --target fr [-o file]`: translation memory as TMX 1.4b. */
import { readFile, writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { DomainError } from '../src/errors.ts';
import { exportTmx, importTmx, tmxMaxBytes } from '../src/operations/tm-interchange.ts';
import type { Command } from './command.ts';
import { withContext } from './context.ts';
import { operator } from './import.ts';
import { parse, UsageError } from './parse-args.ts';

export const tmCommand: Command = async (args, { config, stdout, stderr }) => {
  const [sub, ...rest] = args;
  if (sub === 'import') {
    const { positionals } = parse(rest, {}, 1);
    const file = positionals[0]!;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new DomainError('input_unreadable', `Cannot read ${file}: ${(error as Error).message}`, { field: file, path: file });
    }
    if (bytes.byteLength > tmxMaxBytes) throw new DomainError('input_too_large', `${file} is ${bytes.byteLength} bytes; the limit is ${tmxMaxBytes}`, { size: bytes.byteLength, limit: tmxMaxBytes });
    let xml: string;
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DomainError('input_not_utf8', `${file} is not UTF-8`, { path: file });
    }
    // A bar on a terminal for a large file (over 1,000 units), a line per chunk elsewhere.
    const tty = (stderr as NodeJS.WriteStream).isTTY === true;
    let bar: cliProgress.SingleBar | undefined;
    const result = await withContext(config, (ctx) =>
      importTmx(ctx, operator, {
        xml,
        onProgress: (done, total) => {
          if (total <= 1000) return;
          if (tty) {
            bar ??= new cliProgress.SingleBar({ format: ' tm [{bar}] {value}/{total} entries', stream: stderr as NodeJS.WriteStream, hideCursor: true }, cliProgress.Presets.shades_classic);
            if (done <= 500) bar.start(total, 0);
            bar.update(done);
          } else stderr.write(`tm ${done}/${total}\n`);
        },
      }),
    ).finally(() => bar?.stop());
    for (const r of result.refused) stderr.write(`editions: <tu> ${r.unit}${r.tuid ? ` (${r.tuid})` : ''}${r.lang ? ` ${r.lang}` : ''} refused: ${r.reason}\n`);
    for (const p of result.pairs) stdout.write(`${p.source} → ${p.target}: ${p.added} added, ${p.unchanged} unchanged\n`);
    stdout.write(`${result.units} units: ${result.added} added, ${result.unchanged} unchanged, ${result.refused.length} refused\n`);
    return 0;
  }
  if (sub === 'export') {
    const { values } = parse(rest, { source: { type: 'string' }, target: { type: 'string' }, output: { type: 'string', short: 'o' } }, 0);
    if (typeof values.source !== 'string' || typeof values.target !== 'string') throw new UsageError('tm export needs --source <locale> --target <locale>');
    const { xml, count } = await withContext(config, (ctx) => exportTmx(ctx, { source: values.source as string, target: values.target as string }));
    if (typeof values.output === 'string') {
      await writeFile(values.output, xml);
      stderr.write(`${count} units written to ${values.output}\n`);
    } else stdout.write(xml);
    return 0;
  }
  throw new UsageError('tm needs import <file.tmx> or export --source <locale> --target <locale> [-o <file>]');
};
