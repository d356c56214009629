/**
 * Machine drafts:
 * 1. Apertium throughput through Editions (a draft job: TM lookups, placeholder checks,
 *    storage) against direct batched /translateDoc calls to the same APy, same segments,
 *    same run. Goal ≥ 0.8×.
 * 2. 13 locales drafted in one job (in parallel) against the slowest single locale drafted
 *    alone, with the Google provider against the fake server (fixed latency per request).
 *    Goal ≤ 1.5×.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OAuth2Client } from 'google-auth-library';
import { DraftRunner } from '../src/jobs/runner.ts';
import { defaultTranslatableKeys } from '../src/markdown/frontmatter.ts';
import { segmentMarkdown } from '../src/markdown/index.ts';
import { xmlCodec } from '../src/markdown/placeholder-codec.ts';
import { createApertiumProvider, toHtml } from '../src/mt/apertium/apertium-provider.ts';
import { apyInstalled, startApy } from '../src/mt/apertium/apy-server.ts';
import { createGoogleProvider } from '../src/mt/google/google-provider.ts';
import type { MachineTranslationProvider } from '../src/mt/provider.ts';
import { providerSetOf } from '../src/mt/registry.ts';
import { parseRoutes } from '../src/mt/routing.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { createStatement } from '../src/operations/create-statement.ts';
import { getJob, requestDrafts } from '../src/operations/request-drafts.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { startFakeGoogle } from '../tests/support/fake-google.ts';
import { operator } from '../cli/import.ts';
import { sampleStatements } from './corpus.ts';

async function withStore<T>(fn: (ctx: OperationContext) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'editions-bench-drafts-'));
  const store = await openSqliteStore(join(dir, 'bench.db'));
  try {
    return await fn({ store, now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function draftJob(provider: MachineTranslationProvider, statements: { name: string; markdown: string }[], locales: string[]) {
  return withStore(async (ctx) => {
    for (const s of statements) await createStatement(ctx, operator, { slug: s.name.replace(/\.md$/, '').toLowerCase(), sourceLocale: 'en', markdown: s.markdown });
    const providers = providerSetOf([provider]);
    const runner = new DraftRunner(ctx, providers);
    const t0 = performance.now();
    let segments = 0;
    for (const s of statements) {
      const jobId = await requestDrafts(ctx, null, providers, parseRoutes(`*=${provider.id}`), { slug: s.name.replace(/\.md$/, '').toLowerCase(), locales });
      await runner.run(jobId);
      const job = await getJob(ctx, jobId);
      for (const p of Object.values(job.progress)) segments += p.done;
    }
    return { ms: performance.now() - t0, segments };
  });
}

async function apertiumThroughput() {
  if (!apyInstalled()) {
    console.log('Apertium is not installed: throughput not measured (see docs/apertium-notes.md)');
    return;
  }
  const apy = await startApy();
  try {
    // One long statement of every sample's body, so that Editions and the direct calls send
    // the same batches (a job drafts one statement; batches never span statements).
    const body = sampleStatements().map((s) => s.markdown.replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n');
    const statements = [{ name: 'all-samples', markdown: body }];
    const provider = createApertiumProvider({ url: apy.url, timeoutMs: 120_000 });
    await provider.availability();
    const segments = statements.flatMap((s) => segmentMarkdown(s.markdown).segments);
    const direct = async () => {
      const t0 = performance.now();
      for (let i = 0; i < segments.length; i += 200) {
        const batch = segments.slice(i, i + 200);
        const doc = `<html><body>\n${batch.map((s, j) => `<p data-id="${j}">${toHtml(xmlCodec.decode(s.text).tokens, new Map())}</p>`).join('\n')}\n</body></html>\n`;
        const form = new FormData();
        form.set('langpair', 'eng|spa');
        form.set('markUnknown', 'no');
        form.set('file', new Blob([doc], { type: 'text/html' }), 'd.html');
        const res = await fetch(`${apy.url}/translateDoc`, { method: 'POST', body: form });
        await res.text();
      }
      return performance.now() - t0;
    };
    await direct(); // warm the pipeline
    const rounds: { d: number; e: { ms: number; segments: number } }[] = [];
    for (let r = 0; r < 3; r++) {
      const d = await direct();
      const e = await draftJob(provider, statements, ['es']);
      rounds.push({ d, e });
    }
    const best = (k: 'd' | 'e') => Math.min(...rounds.map((r) => (k === 'd' ? r.d : r.e.ms)));
    const n = segments.length;
    const direct_ = n / (best('d') / 1000);
    const editions = n / (best('e') / 1000);
    console.log(`\n## Apertium eng|spa: ${n} segments, the sample statements as one (best of 3)`);
    console.log(`direct /translateDoc batches of 200     ${direct_.toFixed(0).padStart(6)} segments/s`);
    console.log(`Editions draft job (TM, checks, store)  ${editions.toFixed(0).padStart(6)} segments/s   ${(editions / direct_).toFixed(2)}×`);
  } finally {
    await apy.stop();
  }
}

async function parallelLocales() {
  const fake = await startFakeGoogle();
  fake.delayMs = 150;
  try {
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: 'bench' });
    const google = createGoogleProvider({ projectId: 'bench', location: 'global', endpoint: fake.endpoint, authClient: auth, credentials: 'auth-client', timeoutMs: 30_000, concurrency: 16 });
    const statement = sampleStatements().slice(0, 1);
    const locales = ['ar', 'fa', 'fr', 'es', 'ur', 'id', 'tr', 'ms', 'de', 'pt', 'zh-Hant', 'ru', 'sw'];
    const singles: number[] = [];
    for (const l of locales) singles.push((await draftJob(google, statement, [l])).ms);
    const all = await draftJob(google, statement, locales);
    const slowest = Math.max(...singles);
    console.log(`\n## 13 locales in one job vs one locale alone (Google provider, fake server, ${fake.delayMs} ms a request)`);
    console.log(`slowest single locale  ${slowest.toFixed(0).padStart(6)} ms`);
    console.log(`13 locales in parallel ${all.ms.toFixed(0).padStart(6)} ms   ${(all.ms / slowest).toFixed(2)}×   (${all.segments} segments)`);
  } finally {
    await fake.close();
  }
}

export async function benchDrafts(): Promise<void> {
  await apertiumThroughput();
  await parallelLocales();
}
