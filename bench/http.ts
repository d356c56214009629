/**
 * GET /published/{slug}/{locale} under load (autocannon, 10 connections, from this process)
 * against a bare Hono route answering the same bytes, each server in its own process, same
 * run. Goal: throughput ≥ 0.8× the bare route; the 304 path ≥ 0.9×.
 *
 * Figures (2 shared cores; the rate ratios swing by ±0.15 from run to run when other work
 * runs, so also the server's CPU time per request, from /proc/<pid>/stat over 20,000
 * requests, median of 5, whose ratio bare/Editions is the rate ratio on a CPU-bound server):
 * - request log as a `*` Hono middleware (before): rate 0.69× (200) and 0.77× (304), medians
 *   of 3 runs; CPU 117.5 µs (200) and 94 µs (304) a request against the bare route's 81.5 and
 *   52: 0.69× and 0.55×.
 * - request log outside the middleware chain (server/middleware/request-log.ts: the app's
 *   fetch wrapped, the line written at the node response's 'close'; the published answer stays
 *   synchronous), no Date per line, lines written to sonic-boom in 16 KiB batches
 *   (server/logger.ts): rate 0.86× (200) and 0.72× (304), medians of 3 runs; CPU 93 µs and
 *   65 µs against 81.5 and 52: 0.88× and 0.80×.
 * What is left between the 304 and the bare route, by profile: the log line itself (pino's
 * serialisation about 4% of a request, the two metrics samples about 5%), and Hono's trie
 * router (about 7%: the pages' routes, `/statements/import` beside `/statements/:slug/…`
 * under a `/statements/*` middleware, are beyond Hono's RegExpRouter, which the bare route
 * uses). `LOG_LEVEL=warn` drops the request lines.
 * - issue 20's pass (lru-cache caches, secure-headers, one edition recipe) against the commit
 *   before it (eb4edbb, a clean clone with its own `npm ci`), alternated, 11 and 10 runs on a
 *   shared VM: rate 0.86× before and 0.855× after (200), 0.79× and 0.78× (304), medians; single
 *   runs ranged from 0.50× to 1.12×. A CPU profile of 60,000 requests shows the same parts at
 *   the same cost (hono 9.1 µs a request on both, pino 4.1 and 4.4, prom-client 4.5 and 3.3, the
 *   published route 4.3 and 3.1), and 20,000 in-process `app.fetch` calls cost 86.0 µs before
 *   and 83.4–85.5 µs after: no change the bench can see.
 * Each line also gives the server's CPU time per request for its 15 s (median of 3), beside the
 * rate; it depends on the rate too (fewer requests a second batch less), so compare the two
 * servers of one run, not runs. Pinning the servers and the load generator to separate cores
 * (taskset) was tried and made the 200 rate swing more, not less.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { median } from './measure.ts';

const root = new URL('../', import.meta.url).pathname;

/** CPU time (user + system) a process has used, in µs, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function start(args: string[]): Promise<{ child: ChildProcess; url: string; path: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http-target.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; path: string }) };
}

/** Five seconds of load: the rate (req/s) and the server's CPU time per request (µs). */
async function load(server: ChildProcess, url: string, headers: Record<string, string> = {}): Promise<{ rate: number; cpu: number }> {
  const before = cpuMicros(server.pid!);
  const result = await autocannon({ url, connections: 10, duration: 5, headers });
  return { rate: result.requests.average, cpu: (cpuMicros(server.pid!) - before) / Math.max(1, result.requests.total) };
}

export async function benchHttp(): Promise<void> {
  const published = await start(['published']);
  try {
    const res = await fetch(`${published.url}${published.path}`);
    const body = await res.text();
    const etag = res.headers.get('etag')!;
    const same: Record<string, string> = {};
    // The security headers too (server/public-headers.ts), so the bare route answers exactly as much.
    for (const name of ['ETag', 'Cache-Control', 'Content-Language', 'Link', 'Content-Type', 'Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy']) same[name] = res.headers.get(name) ?? '';
    const bare = await start(['bare', body, JSON.stringify(same)]);
    try {
      const target = `${published.url}${published.path}`;
      const baseline = `${bare.url}${published.path}`;
      await load(published.child, target);
      await load(bare.child, baseline);
      // Alternating rounds; the median of each series.
      type Series = 'editions' | 'plain' | 'editions304' | 'plain304';
      const series: Record<Series, { rate: number; cpu: number }[]> = { editions: [], plain: [], editions304: [], plain304: [] };
      for (let round = 0; round < 3; round++) {
        series.editions.push(await load(published.child, target));
        series.plain.push(await load(bare.child, baseline));
        series.editions304.push(await load(published.child, target, { 'if-none-match': etag }));
        series.plain304.push(await load(bare.child, baseline, { 'if-none-match': etag }));
      }
      const rate = (name: Series) => median(series[name].map((r) => r.rate));
      const cpu = (name: Series) => median(series[name].map((r) => r.cpu));
      console.log(`\n## HTTP: GET ${published.path} (${body.length} bytes), 10 connections, 3 rounds of 5 s each, median req/s and server CPU µs per request`);
      console.log(`bare Hono route, same bytes   ${rate('plain').toFixed(0).padStart(7)}          ${cpu('plain').toFixed(1).padStart(6)} µs`);
      console.log(`Editions published edition   ${rate('editions').toFixed(0).padStart(7)}   ${(rate('editions') / rate('plain')).toFixed(2)}×   ${cpu('editions').toFixed(1).padStart(6)} µs   ${(cpu('plain') / cpu('editions')).toFixed(2)}×`);
      console.log(`bare Hono route, 304          ${rate('plain304').toFixed(0).padStart(7)}          ${cpu('plain304').toFixed(1).padStart(6)} µs`);
      console.log(`Editions, 304 (If-None-Match) ${rate('editions304').toFixed(0).padStart(7)}   ${(rate('editions304') / rate('plain304')).toFixed(2)}×   ${cpu('editions304').toFixed(1).padStart(6)} µs   ${(cpu('plain304') / cpu('editions304')).toFixed(2)}×`);
    } finally {
      bare.child.kill('SIGTERM');
    }
  } finally {
    published.child.kill('SIGTERM');
  }
}
