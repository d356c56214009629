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
 */
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { median } from './measure.ts';

const root = new URL('../', import.meta.url).pathname;

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

async function load(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: 5, headers });
  return result.requests.average;
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
      await load(target);
      await load(baseline);
      // Alternating rounds; the median of each series (two cores are shared with the load generator).
      const series: Record<'editions' | 'plain' | 'editions304' | 'plain304', number[]> = { editions: [], plain: [], editions304: [], plain304: [] };
      for (let round = 0; round < 3; round++) {
        series.editions.push(await load(target));
        series.plain.push(await load(baseline));
        series.editions304.push(await load(target, { 'if-none-match': etag }));
        series.plain304.push(await load(baseline, { 'if-none-match': etag }));
      }
      const [editions, plain, editions304, plain304] = [series.editions, series.plain, series.editions304, series.plain304].map(median) as [number, number, number, number];
      console.log(`\n## HTTP: GET ${published.path} (${body.length} bytes), 10 connections, 3 rounds of 5 s each, median req/s`);
      console.log(`bare Hono route, same bytes   ${plain.toFixed(0).padStart(7)}`);
      console.log(`Editions published edition   ${editions.toFixed(0).padStart(7)}   ${(editions / plain).toFixed(2)}×`);
      console.log(`bare Hono route, 304          ${plain304.toFixed(0).padStart(7)}`);
      console.log(`Editions, 304 (If-None-Match) ${editions304.toFixed(0).padStart(7)}   ${(editions304 / plain304).toFixed(2)}×`);
    } finally {
      bare.child.kill('SIGTERM');
    }
  } finally {
    published.child.kill('SIGTERM');
  }
}
