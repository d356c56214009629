/**
 * Draft jobs against the DeepL provider (the real deepl-node client, a fake DeepL API on
 * 127.0.0.1) when the engine misbehaves: rate limits, errors, hangs, broken answers, broken
 * placeholders, an exhausted quota. Nothing is lost: every fault is retried or reported.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { createDeepLProvider } from '../../src/mt/deepl/deepl-provider.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { addGlossaryTerm } from '../../src/operations/glossary.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { dialects } from '../support/dialects.ts';
import { startFakeDeepL, type FakeDeepL } from '../support/fake-deepl.ts';
import { useWorld, type World } from '../support/world.ts';

let fake: FakeDeepL;
beforeAll(async () => {
  fake = await startFakeDeepL();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.length = 0;
  fake.usage.count = 0;
  fake.usage.limit = 500_000;
});

const statement = '# A short statement\n\nThe depot at *Tarsin* opened with `REF-7` today.\n\nA second paragraph about the seed bank.\n';

async function draftWithDeepL(w: World, timeoutMs = 5000, locales = ['fr']) {
  const deepl = createDeepLProvider({ authKey: fake.authKey, serverUrl: fake.url, formality: 'prefer_more', timeoutMs });
  const providers = providerSetOf([deepl]);
  await createStatement(w.ctx, w.publisher, { slug: 'short', sourceLocale: 'en', markdown: statement });
  const jobId = await requestDrafts(w.ctx, w.publisher, providers, parseRoutes('*=deepl'), { slug: 'short', locales });
  const before = fake.translateRequests().length;
  await new DraftRunner(w.ctx, providers, { attempts: 4, baseDelayMs: 20, maxDelayMs: 2000 }, { localeRetry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 } }).run(jobId);
  return { job: await getJob(w.ctx, jobId), requests: fake.translateRequests().slice(before) };
}

describe.each(dialects)('draft jobs through DeepL ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('draft every segment and count the characters DeepL billed, per locale', async () => {
    const { job, requests } = await draftWithDeepL(world(), 5000, ['fr', 'ar']);
    expect(job.progress.fr).toMatchObject({ status: 'done', done: 3, total: 3, failed: 0, flagged: 0 });
    expect(job.progress.ar).toMatchObject({ status: 'done', done: 3, total: 3, failed: 0, flagged: 0 });
    const billed = (locale: string) => requests.filter((r) => r.params.get('target_lang')![0] === locale).flatMap((r) => r.params.get('text')!).reduce((n, t) => n + [...t].length, 0);
    expect(job.progress.fr!.billedCharacters).toBe(billed('fr'));
    expect(job.progress.ar!.billedCharacters).toBe(billed('ar'));
    expect(job.progress.fr!.billedCharacters).toBeGreaterThan(0);
  });

  it('render the glossary\'s preferred terms through a DeepL glossary', async () => {
    const w = world();
    await addGlossaryTerm(w.ctx, w.publisher, { term: 'seed bank', targetLocale: 'fr', targetText: 'banque de semences' });
    const { job, requests } = await draftWithDeepL(w);
    expect(job.progress.fr).toMatchObject({ status: 'done', done: 3 });
    expect(requests.every((r) => r.params.get('glossary_id')?.length === 1)).toBe(true);
    const t = await getTranslation(w.ctx, 'short', 'fr');
    expect(t.segments.map((s) => s.text ?? s.machine).join('\n')).toContain('banque de semences');
  });

  it('retry a 429 (Retry-After), a 500 and a malformed answer, and then finish', async () => {
    fake.faults.push({ status: 429, headers: { 'retry-after': '1' } }, { status: 500 }, 'malformed-json');
    const first = await draftWithDeepL(world(), 300);
    expect(first.job.progress.fr).toMatchObject({ status: 'done', done: 3, failed: 0 });
    expect(first.requests).toHaveLength(4);
  });

  it('retry a hanging, truncated or incomplete answer', async () => {
    fake.faults.push('hang', 'truncated-json', 'missing-translation');
    const { job, requests } = await draftWithDeepL(world(), 300);
    expect(job.progress.fr).toMatchObject({ status: 'done', done: 3, failed: 0 });
    expect(requests).toHaveLength(4);
  });

  it('resend alone a segment whose placeholders came back broken', async () => {
    fake.faults.push('duplicate-placeholder');
    const { job, requests } = await draftWithDeepL(world());
    expect(job.progress.fr).toMatchObject({ done: 3, flagged: 0 });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.params.get('text')).toEqual(['The depot at <g id="1">Tarsin</g> opened with <x id="2"/> today.']);
  });

  it('store a still-broken answer with its finding, flagged for the translator', async () => {
    fake.faults.push('drop-placeholder', 'drop-placeholder');
    const w = world();
    const { job } = await draftWithDeepL(w);
    expect(job.progress.fr).toMatchObject({ done: 3, flagged: 1 });
    const broken = (await getTranslation(w.ctx, 'short', 'fr')).segments.find((s) => s.findings.some((f) => f.rule === 'placeholders'))!;
    expect(broken.state).toBe('machine');
    expect(broken.findings).toContainEqual(expect.objectContaining({ rule: 'placeholders', severity: 'fatal', key: 'placeholders.missing' }));
  });

  it('fail the locale at once, with the reason, when the quota is exhausted (456), and send nothing more', async () => {
    fake.faults.push({ status: 456 });
    const w = world();
    const { job, requests } = await draftWithDeepL(w);
    expect(requests).toHaveLength(1);
    expect(job.status).toBe('failed');
    expect(job.progress.fr).toMatchObject({ status: 'failed', done: 0 });
    expect(job.progress.fr!.error).toMatch(/deepl: 456 quota exceeded/);
    expect((await getTranslation(w.ctx, 'short', 'fr')).segments.every((s) => s.state === 'untranslated')).toBe(true);
  });
});
