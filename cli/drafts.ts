/**
 * `editions drafts <slug> --to es,ca,fr [--provider id]`: machine drafts for several locales,
 * with a progress bar per locale on a terminal (one line per change otherwise).
 * `editions drafts --resume`: finishes the jobs an interrupted process left.
 */
import cliProgress from 'cli-progress';
import { DraftRunner } from '../src/jobs/runner.ts';
import { startEngines } from '../src/mt/engines.ts';
import { getJob, requestDrafts, type JobView } from '../src/operations/request-drafts.ts';
import type { Command } from './command.ts';
import { withContext } from './context.ts';
import { parse, UsageError } from './parse-args.ts';

export const drafts: Command = async (args, { config, stdout, stderr }) => {
  const { positionals, values } = parse(args, { to: { type: 'string' }, provider: { type: 'string' }, resume: { type: 'boolean' } }, [0, 1]);
  if (!values.resume && (positionals.length !== 1 || typeof values.to !== 'string')) throw new UsageError('drafts needs <slug> and --to <locale,locale,…> (or --resume)');
  const engines = await startEngines(config);
  try {
    return await withContext(config, async (ctx) => {
      const runner = new DraftRunner(ctx, engines.providers, undefined, { leaseMs: config.jobs.leaseMs });
      const jobIds = values.resume
        ? // A job whose process was killed less than a lease ago is waited for; one a live instance drafts is left to it.
          await runner.resume({ waitForLeases: true })
        : [await requestDrafts(ctx, null, engines.providers, config.routes, {
            slug: positionals[0]!,
            locales: String(values.to).split(',').map((l) => l.trim()).filter(Boolean),
            ...(typeof values.provider === 'string' ? { provider: values.provider } : {}),
          })];
      if (jobIds.length === 0) {
        stdout.write('editions: no unfinished draft jobs\n');
        return 0;
      }
      const show = progressDisplay(stderr);
      runner.on('progress', (id) => void getJob(ctx, id).then(show.update, () => undefined));
      let failed = false;
      for (const id of jobIds) {
        stdout.write(`editions: draft job ${id}\n`);
        await runner.run(id);
        const job = await getJob(ctx, id);
        show.update(job);
        failed ||= job.status === 'failed';
        show.stop();
        for (const [locale, p] of Object.entries(job.progress)) {
          stdout.write(`${locale}: ${p.status}, ${p.done}/${p.total} drafted by ${p.provider ?? 'nobody'} (${p.fromMemory} from memory, ${p.flagged} flagged, ${p.failed} failed, ${p.leftForPeople} left for people, ${p.billedCharacters} characters billed)${p.error ? `: ${p.error}` : ''}\n`);
        }
      }
      return failed ? 1 : 0;
    });
  } finally {
    await engines.stop();
  }
};

function progressDisplay(stream: NodeJS.WritableStream) {
  const tty = (stream as NodeJS.WriteStream).isTTY === true;
  const multi = tty ? new cliProgress.MultiBar({ format: ' {locale} [{bar}] {value}/{total} {status}', stream: stream as NodeJS.WriteStream, clearOnComplete: false, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  const bars = new Map<string, cliProgress.SingleBar>();
  const last = new Map<string, string>();
  return {
    update(job: JobView) {
      for (const [locale, p] of Object.entries(job.progress)) {
        if (multi) {
          let bar = bars.get(locale);
          if (!bar) bars.set(locale, (bar = multi.create(p.total, p.done, { locale: locale.padEnd(7), status: p.status })));
          bar.setTotal(p.total);
          bar.update(p.done, { status: p.status });
        } else {
          const line = `${locale} ${p.done}/${p.total} ${p.status}`;
          if (last.get(locale) !== line) stream.write(`${line}\n`);
          last.set(locale, line);
        }
      }
    },
    stop() {
      multi?.stop();
    },
  };
}
