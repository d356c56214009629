/**
 * A large legitimate statement (tests/fixtures/large-statement.ts: 20,000 segments, about
 * 940 KB) translated in full, served by the service (`server/main.ts` in its own process, a
 * real SQLite file). Times and bytes of GET …/translations/fr (pages 1 and 2) and of the
 * translate and review pages, each read first (the service has not judged the locale yet:
 * the whole-document quality run happens then) and again (median of repeats), with the
 * latency of `/health` asked for meanwhile (one request after another); the baseline of the
 * same run is the operation reading every segment in this process (getTranslation without a
 * limit: the whole document, every run with an empty quality cache).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultDocumentSettings, DocumentWorkers } from '../src/documents/workers.ts';
import { defaultTranslatableKeys } from '../src/markdown/frontmatter.ts';
import { pseudoText } from '../src/mt/pseudo.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { createStatement } from '../src/operations/create-statement.ts';
import { importTexts } from '../src/operations/import-translation.ts';
import { QualityCache } from '../src/operations/quality-cache.ts';
import { getStatement, getTranslation } from '../src/operations/read-statements.ts';
import { openSession } from '../src/operations/sessions.ts';
import { bootstrapAdmin, authenticate } from '../src/operations/users.ts';
import { openStore } from '../src/store/open-store.ts';
import { largeStatement } from '../tests/fixtures/large-statement.ts';
import { startServer } from '../tests/support/start-server.ts';
import { median } from './measure.ts';

const token = 'bench-large-admin-token-0123456789';
const serverLimits = { EDITIONS_DOCUMENT_TIMEOUT_MS: '300000' };
const slug = 'large';

interface Sample {
  ms: number;
  bytes: number;
  status: number;
  /** The slowest /health answer while the request ran. */
  healthMax: number;
}

async function timed(url: string, headers: Record<string, string>): Promise<Sample> {
  const base = new URL(url).origin;
  let running = true;
  let healthMax = 0;
  const pings = (async () => {
    while (running) {
      const t0 = performance.now();
      // A kept-alive socket the server closed while it was busy: asked again, the wait counts.
      await fetch(`${base}/health`)
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      healthMax = Math.max(healthMax, performance.now() - t0);
    }
  })();
  const t0 = performance.now();
  const res = await fetch(url, { headers: { ...headers, connection: 'close' } });
  const bytes = (await res.arrayBuffer()).byteLength;
  const ms = performance.now() - t0;
  running = false;
  await pings;
  return { ms, bytes, status: res.status, healthMax };
}

/** The first read of `url`, then the median of `runs` repeats. */
async function series(url: string, headers: Record<string, string>, runs: number) {
  const first = await timed(url, headers);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(url, headers));
  return { first, repeat: { ms: median(samples.map((s) => s.ms)), bytes: samples[0]!.bytes, status: samples[0]!.status, healthMax: Math.max(...samples.map((s) => s.healthMax)) } };
}

export async function benchLargeTranslation(runs = 3): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'editions-large-'));
  const database = join(dir, 'editions.db');
  try {
    const markdown = largeStatement(20_000);
    const store = await openStore(database);
    // The default document limits refuse 20,000 segments (and a whole-document task may take more than their time limit here).
    const documents = new DocumentWorkers({ ...defaultDocumentSettings, limits: { ...defaultDocumentSettings.limits, maxSegments: 20_000 }, timeoutMs: 300_000 });
    const ctx: OperationContext = { store, now: () => new Date(), frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000, documents };
    await bootstrapAdmin(ctx, token);
    const admin = await authenticate(ctx, token);
    await createStatement(ctx, admin, { slug, sourceLocale: 'en', markdown });
    const statement = await getStatement(ctx, slug);
    await importTexts(ctx, admin, { slug, locale: 'fr', texts: new Map(statement.segments.map((s) => [s.id, pseudoText(s.text)])) });
    const session = await openSession(ctx, token);
    // The baseline: every segment, read by the operation in this process.
    const whole: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      await getTranslation({ ...ctx, qualityCache: new QualityCache() }, slug, 'fr');
      if (i > 0) whole.push(performance.now() - t0);
    }
    await store.close();
    await documents.close();

    const server = await startServer({ ...serverLimits, EDITIONS_DB: database, EDITIONS_ADMIN_TOKEN: token, EDITIONS_APERTIUM: 'off' });
    try {
      const api = `${server.url}/api/statements/${slug}/translations/fr`;
      const bearer = { authorization: `Bearer ${token}` };
      const cookie = { cookie: `editions_session=${session.sessionId}` };
      const health = await series(`${server.url}/health`, {}, runs);
      const page1 = await series(api, bearer, runs);
      const page2 = await series(`${api}?offset=200`, bearer, runs);
      const translate1 = await series(`${server.url}/statements/${slug}/translate/fr`, cookie, runs);
      const translate2 = await series(`${server.url}/statements/${slug}/translate/fr?page=2`, cookie, runs);
      const review = await series(`${server.url}/statements/${slug}/review/fr`, cookie, runs);
      const wholeMs = median(whole);
      const line = (name: string, s: Sample) =>
        console.log(`${name.padEnd(48)} ${s.status} ${s.ms.toFixed(0).padStart(7)} ms ${(s.bytes / 1000).toFixed(0).padStart(7)} kB   ${(s.ms / wholeMs).toFixed(2)}×   /health ≤ ${s.healthMax.toFixed(0)} ms`);
      const both = (name: string, s: { first: Sample; repeat: Sample }) => {
        line(`${name}, first`, s.first);
        line(`${name}, repeat`, s.repeat);
      };
      console.log(`\n## A ${(Buffer.byteLength(markdown) / 1000).toFixed(0)} kB statement of ${statement.segments.length} segments, translated: first read, then median of ${runs}; /health asked meanwhile`);
      console.log(`${'getTranslation, every segment (baseline)'.padEnd(48)}     ${wholeMs.toFixed(0).padStart(7)} ms`);
      line('GET /health alone', health.repeat);
      both('GET …/translations/fr (page 1)', page1);
      both('GET …/translations/fr?offset=200 (page 2)', page2);
      both('GET /statements/…/translate/fr', translate1);
      both('GET /statements/…/translate/fr?page=2', translate2);
      both('GET /statements/…/review/fr', review);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
