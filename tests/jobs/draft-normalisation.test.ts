/**
 * Every provider's answer is normalised before it is stored, in the draft job: here Google's
 * (fake server on 127.0.0.1) answering with doubled spaces and spaces inside the edges of
 * emphasis. The stored drafts have none, and the edition's Markdown has no `&#x20;`.
 */
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { createGoogleProvider } from '../../src/mt/google/google-provider.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { dialects } from '../support/dialects.ts';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts';
import { useWorld } from '../support/world.ts';

let fake: FakeGoogle;
beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(() => fake.close());

const statement = '# A short statement\n\n> **We encourage** every member of the *Tarsin depot* to come.\n\nA second paragraph with `REF-7` in it.\n';

describe.each(dialects)('engine output normalised before it is stored ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('stores Google drafts without doubled spaces or spaces inside edges; the Markdown has no &#x20;', async () => {
    const w = world();
    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: 'test-token' });
    const google = createGoogleProvider({ projectId: 'p', location: 'global', endpoint: fake.endpoint, authClient: auth, credentials: 'auth-client', timeoutMs: 5000 });
    const providers = providerSetOf([google]);
    await createStatement(w.ctx, w.publisher, { slug: 'short', sourceLocale: 'en', markdown: statement });
    fake.faults.push('sloppy-spaces');
    const jobId = await requestDrafts(w.ctx, w.publisher, providers, parseRoutes('*=google'), { slug: 'short', locales: ['fr'] });
    await new DraftRunner(w.ctx, providers).run(jobId);
    expect((await getJob(w.ctx, jobId)).progress.fr).toMatchObject({ status: 'done', done: 3, failed: 0, flagged: 0 });
    const segments = (await getTranslation(w.ctx, 'short', 'fr')).segments;
    expect(segments.map((s) => s.machine)).toEqual([
      'A trohs tnemetats',
      '<g id="1">eW egaruocne</g> yreve rebmem fo eht <g id="2">nisraT toped</g> ot emoc.',
      'A dnoces hpargarap htiw <x id="1"/> ni ti.',
    ]);
    const { markdown } = reassemble(segmentMarkdown(statement), new Map(segments.map((s) => [s.id, s.machine!])));
    expect(markdown).toBe('# A trohs tnemetats\n\n> **eW egaruocne** yreve rebmem fo eht *nisraT toped* ot emoc.\n\nA dnoces hpargarap htiw `REF-7` ni ti.\n');
  });
});
