/**
 * /health latency while each hostile document of tests/fixtures/hostile/documents.ts is
 * submitted (POST /api/statements), against /health latency with no load, in the same run:
 * the service (`npm start`'s server/main.ts, default settings) in its own process on
 * 127.0.0.1, /health asked one request after another from this process while the document is
 * in hand. Goal: /health under 50 ms while any of them runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hostileDocuments } from '../tests/fixtures/hostile/documents.ts';
import { median } from './measure.ts';

const root = new URL('../', import.meta.url).pathname;
const token = 'bench-hostile-admin-token-0123456789';

async function health(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/health`);
  await res.arrayBuffer();
  return performance.now() - t0;
}

/** /health latencies, one request after another, until `until` settles (or `count` are taken). */
async function healthWhile(url: string, until: Promise<unknown> | null, count = 200): Promise<number[]> {
  let settled = false;
  void until?.finally(() => (settled = true));
  const samples: number[] = [];
  while (until ? !settled : samples.length < count) {
    const ms = await health(url);
    if (!settled) samples.push(ms);
  }
  return samples;
}

export async function benchHostile(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'editions-bench-hostile-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: token, EDITIONS_APERTIUM: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
    });
    const submit = async (markdown: string, slug: string) => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/statements?slug=${slug}&sourceLocale=en`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/markdown' },
        body: markdown,
      });
      const body = (await res.json()) as { error?: { code: string; details: { limit: string } } };
      return { status: res.status, limit: body.error?.details?.limit ?? '', ms: performance.now() - t0 };
    };
    // Warm: a worker has loaded the core, and the connection pool is open.
    await submit('# Warm\n\nA paragraph.\n', 'warm');
    await healthWhile(url, null, 50);

    const idle = await healthWhile(url, null, 200);
    const rows: string[] = [];
    const line = (name: string, samples: number[], base: number, extra = '') =>
      `${name.padEnd(38)} ${String(samples.length).padStart(6)} ${median(samples).toFixed(1).padStart(9)} ${Math.max(...samples).toFixed(1).padStart(8)} ${(median(samples) / base).toFixed(2).padStart(7)}×  ${extra}`;
    const base = median(idle);
    rows.push(line('no load (baseline)', idle, base));
    for (const [i, doc] of hostileDocuments.entries()) {
      const answer = submit(doc.markdown, `hostile-${i}`);
      const samples = await healthWhile(url, answer);
      const a = await answer;
      // A document refused at once leaves no time for a sample: the next /health is taken alone.
      const shown = samples.length > 0 ? samples : [await health(url)];
      rows.push(line(doc.name, shown, base, `${a.status} ${a.limit} in ${a.ms.toFixed(0)} ms`));
    }
    console.log('\n## Hostile documents: GET /health latency (ms) while each is submitted; goal < 50 ms');
    console.log(`${'while submitting'.padEnd(38)} ${'n'.padStart(6)} ${'median'.padStart(9)} ${'max'.padStart(8)} ${'ratio'.padStart(8)}  answer`);
    for (const r of rows) console.log(r);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
