/**
 * Machine drafts never overwrite human work, over HTTP against the service on 127.0.0.1: es
 * is published, one paragraph of the source changes, drafts are requested again. The stale
 * segment keeps its human text, state and last editor; the new draft goes into its machine
 * column, beside the source it replaced (`previousSource`); a translator's save made at the
 * version read before the draft still goes through, and the locale is published again.
 */
import { describe, expect, it } from 'vitest';
import { pseudoText } from '../../src/mt/pseudo.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'es' }],
    reviewer: [{ role: 'reviewer', locale: 'es' }],
  },
});
const { call, tokens } = service;
const slug = 'water-points';
const oldParagraph = 'We repaired twelve wells in March.';
const newParagraph = 'We repaired fourteen wells in March and April.';
const markdown = (p: string) => `# Water points\n\n${p}\n\nThe district council paid for the pumps.\n`;
const base = `/api/statements/${slug}/translations/es`;

type Seg = { id: string; source: string; previousSource: string | null; machine: string | null; text: string | null; state: string; version: number; lastEditor: string | null };
const segments = async () => (await call('translator', 'GET', base)).body.segments as Seg[];

/** Requests pseudo drafts for es and waits for the job's event stream to end (done or failed); the job as it ended. */
async function draftEs() {
  const job = await call('translator', 'POST', `/api/statements/${slug}/drafts`, { locales: ['es'], provider: 'pseudo' });
  expect(job.status, job.text).toBe(202);
  const events = await fetch(`${service.url}/api/jobs/${job.body.id}/events`, { headers: { authorization: `Bearer ${tokens.translator}` } });
  await events.text();
  return (await call('translator', 'GET', `/api/jobs/${job.body.id}`)).body;
}

async function approveAndPublish() {
  expect((await call('translator', 'POST', `${base}/submit`)).status).toBe(200);
  const read = await call('reviewer', 'GET', base);
  const approved = await call('reviewer', 'POST', `${base}/reviews`, { decision: 'approve', comment: 'ok' }, { 'if-match': read.headers.get('etag')! });
  expect(approved.status, approved.text).toBe(200);
  const published = await call('publisher', 'POST', `/api/statements/${slug}/editions`, { locales: ['es'] });
  expect(published.status, published.text).toBe(201);
}

describe('drafting again after a source revision', () => {
  let translatorId: string;

  it('publishes es written by a translator over machine drafts', async () => {
    expect((await call('publisher', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: markdown(oldParagraph) })).status).toBe(201);
    expect((await draftEs()).progress.es).toMatchObject({ done: 3, total: 3 });
    for (const s of await segments()) {
      const r = await call('translator', 'PUT', `${base}/segments/${s.id}`, { text: `ES ${s.source}` }, { 'if-match': String(s.version) });
      expect(r.status, r.text).toBe(200);
    }
    translatorId = (await segments())[0]!.lastEditor!;
    expect(translatorId).toEqual(expect.any(String));
    await approveAndPublish();
  });

  it('keeps the human text and state of the stale segment; the new draft goes beside it, with the old source', async () => {
    const statement = await call('publisher', 'GET', `/api/statements/${slug}`);
    const revised = await call('publisher', 'PUT', `/api/statements/${slug}/source`, { markdown: markdown(newParagraph) }, { 'if-match': statement.headers.get('etag')! });
    expect(revised.status, revised.text).toBe(200);
    const before = await segments();
    const stale = before.find((s) => s.state === 'stale')!;
    expect(stale).toMatchObject({ source: newParagraph, previousSource: oldParagraph, text: `ES ${oldParagraph}`, machine: null, lastEditor: translatorId });
    expect(before.filter((s) => s.state === 'approved')).toHaveLength(2);
    expect(before.filter((s) => s.state === 'approved').every((s) => s.previousSource === null)).toBe(true);

    const job = await draftEs();
    // Only the stale segment was drafted, and the job says so truthfully.
    expect(job.progress.es).toMatchObject({ status: 'done', done: 1, total: 1, fromMemory: 0, failed: 0 });
    const after = await segments();
    const redrafted = after.find((s) => s.id === stale.id)!;
    expect(redrafted).toMatchObject({
      state: 'stale',
      text: `ES ${oldParagraph}`,
      lastEditor: translatorId,
      machine: pseudoText(newParagraph),
      source: newParagraph,
      previousSource: oldParagraph,
    });
    expect(redrafted.version).toBe(stale.version + 1);
    // The approved segments are untouched.
    for (const s of after.filter((x) => x.id !== stale.id)) expect(s).toEqual(before.find((x) => x.id === s.id));
    // Nothing left to draft: a further request drafts nothing and changes nothing.
    expect((await draftEs()).progress.es).toMatchObject({ done: 0, total: 0 });
    expect(await segments()).toEqual(after);
  });

  it('takes a translator’s save made at the version read before the draft; then the locale goes on to publication', async () => {
    const stale = (await segments()).find((s) => s.state === 'stale')!;
    const read = stale.version - 1; // the version the translator read before the draft arrived
    const saved = await call('translator', 'PUT', `${base}/segments/${stale.id}`, { text: `ES ${newParagraph}` }, { 'if-match': String(read) });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ state: 'translated', version: stale.version + 1 });
    // A person's change since is still a conflict.
    const late = await call('translator', 'PUT', `${base}/segments/${stale.id}`, { text: 'lost?' }, { 'if-match': String(read) });
    expect(late.status).toBe(412);
    expect(late.body).toMatchObject({ error: { code: 'version_conflict', details: { text: `ES ${newParagraph}` } } });
    expect((await segments()).find((s) => s.id === stale.id)).toMatchObject({ state: 'translated', text: `ES ${newParagraph}`, machine: pseudoText(newParagraph), previousSource: null });

    await approveAndPublish();
    const es = await fetch(`${service.url}/published/${slug}/es.md`);
    expect(await es.text()).toContain(`ES ${newParagraph}`);
  });
});

describe('drafting again where nobody wrote the text', () => {
  it('a stale segment whose text is an unconfirmed machine draft of the old source takes the new draft', async () => {
    const other = 'pump-repairs';
    const [before, after] = ['The pumps were serviced in May.', 'The pumps were serviced in May and June.'];
    const otherBase = `/api/statements/${other}/translations/es`;
    const read = async () => (await call('translator', 'GET', otherBase)).body.segments as Seg[];
    const draft = async () => {
      const job = await call('translator', 'POST', `/api/statements/${other}/drafts`, { locales: ['es'], provider: 'pseudo' });
      expect(job.status, job.text).toBe(202);
      await (await fetch(`${service.url}/api/jobs/${job.body.id}/events`, { headers: { authorization: `Bearer ${tokens.translator}` } })).text();
    };
    expect((await call('publisher', 'POST', '/api/statements', { slug: other, sourceLocale: 'en', markdown: markdown(before) })).status).toBe(201);
    await draft();
    const statement = await call('publisher', 'GET', `/api/statements/${other}`);
    expect((await call('publisher', 'PUT', `/api/statements/${other}/source`, { markdown: markdown(after) }, { 'if-match': statement.headers.get('etag')! })).status).toBe(200);
    const stale = (await read()).find((s) => s.state === 'stale')!;
    expect(stale).toMatchObject({ text: pseudoText(before), lastEditor: null });
    await draft();
    expect((await read()).find((s) => s.id === stale.id)).toMatchObject({ state: 'machine', text: pseudoText(after), machine: pseudoText(after), lastEditor: null });
  });
});
