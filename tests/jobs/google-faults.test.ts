/**
 * Draft jobs against the Google provider when the engine misbehaves (fake server on
 * 127.0.0.1): rate limits, errors, hangs, broken placeholders, a request that keeps failing.
 */
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { createGoogleProvider } from '../../src/mt/google/google-provider.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { dialects } from '../support/dialects.ts';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts';
import { useWorld, type World } from '../support/world.ts';

let fake: FakeGoogle;
beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.length = 0;
  fake.delayMs = 0;
});

const statement = '# A short statement\n\nThe depot at *Tarsin* opened with `REF-7` today.\n\nA second paragraph.\n';

async function draftWithGoogle(w: World, timeoutMs = 5000) {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'test-token' });
  const google = createGoogleProvider({ projectId: 'p', location: 'global', endpoint: fake.endpoint, authClient: auth, credentials: 'auth-client', timeoutMs });
  const providers = providerSetOf([google]);
  await createStatement(w.ctx, w.publisher, { slug: 'short', sourceLocale: 'en', markdown: statement });
  const jobId = await requestDrafts(w.ctx, w.publisher, providers, parseRoutes('*=google'), { slug: 'short', locales: ['fr'] });
  const before = fake.requests.length;
  await new DraftRunner(w.ctx, providers, { attempts: 4, baseDelayMs: 20, maxDelayMs: 2000 }, { localeRetry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 } }).run(jobId);
  return { job: await getJob(w.ctx, jobId), requests: fake.requests.slice(before) };
}

describe.each(dialects)('draft jobs with a misbehaving engine ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('wait as long as a 429 asks (Retry-After) and then finish', async () => {
    fake.faults.push({ status: 429, headers: { 'retry-after': '1' } });
    const { job, requests } = await draftWithGoogle(world());
    expect(job.progress.fr).toMatchObject({ status: 'done', done: 3, total: 3, failed: 0 });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retry a 500 and a hanging answer', async () => {
    fake.faults.push({ status: 500 }, 'hang');
    const { job, requests } = await draftWithGoogle(world(), 300);
    expect(job.progress.fr).toMatchObject({ status: 'done', done: 3, failed: 0 });
    expect(requests).toHaveLength(3);
  });

  it('resend alone a segment whose placeholders came back broken', async () => {
    fake.faults.push('duplicate-placeholder');
    const { job, requests } = await draftWithGoogle(world());
    expect(job.progress.fr).toMatchObject({ done: 3, flagged: 0 });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body!.contents).toEqual(['The depot at <g id="1">Tarsin</g> opened with <x id="2"></x> today.']);
  });

  it('store a still-broken answer with its finding, flagged for the translator', async () => {
    fake.faults.push('drop-placeholder', 'drop-placeholder');
    const w = world();
    const { job } = await draftWithGoogle(w);
    expect(job.progress.fr).toMatchObject({ done: 3, flagged: 1 });
    const t = await getTranslation(w.ctx, 'short', 'fr');
    const broken = t.segments.find((s) => s.findings.some((f) => f.rule === 'placeholders'))!;
    expect(broken.state).toBe('machine');
    expect(broken.findings).toContainEqual(expect.objectContaining({ rule: 'placeholders', severity: 'fatal', key: 'placeholders.missing' }));
  });

  it('run a locale again later when a request keeps failing after the engine\'s retries, and finish it', async () => {
    fake.faults.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const w = world();
    const { job, requests } = await draftWithGoogle(w);
    // Four tries of the request, then the locale's next run: nothing failed for good.
    expect(requests).toHaveLength(5);
    expect(job.status).toBe('done');
    expect(job.progress.fr).toMatchObject({ status: 'done', done: 3, failed: 0 });
    expect((await getTranslation(w.ctx, 'short', 'fr')).segments.every((s) => s.state === 'machine')).toBe(true);
  });

  it('leave a locale waiting when its engine stays down past the runs, without failing its segments', async () => {
    fake.faults.push(...Array.from({ length: 12 }, () => ({ status: 503 })));
    const { job, requests } = await draftWithGoogle(world());
    // Three runs of the locale, four tries each.
    expect(requests).toHaveLength(12);
    expect(job.status).toBe('waiting');
    expect(job.progress.fr).toMatchObject({ status: 'waiting', done: 0, failed: 0 });
    expect(job.progress.fr!.error).toMatch(/google: 503/);
  });

  it('fail the locale when the engine refuses its credentials', async () => {
    fake.faults.push({ status: 403 });
    const { job, requests } = await draftWithGoogle(world());
    expect(requests).toHaveLength(1);
    expect(job.status).toBe('failed');
    expect(job.progress.fr).toMatchObject({ status: 'failed', done: 0 });
    expect(job.progress.fr!.error).toMatch(/google: 403/);
  });

  it('fail the segments of a request refused for its content, not the job', async () => {
    fake.faults.push({ status: 400 });
    const w = world();
    const { job, requests } = await draftWithGoogle(w);
    expect(requests).toHaveLength(1);
    expect(job.status).toBe('done');
    expect(job.progress.fr).toMatchObject({ status: 'done', done: 0, failed: 3 });
    expect(job.progress.fr!.error).toMatch(/google: 400/);
    expect((await getTranslation(w.ctx, 'short', 'fr')).segments.every((s) => s.state === 'untranslated')).toBe(true);
  });
});
