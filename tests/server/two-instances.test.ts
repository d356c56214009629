/**
 * Two service processes, A and B, on one PostgreSQL schema (as two instances behind a load
 * balancer), started at the same moment (their migrations must not race).
 *
 * - A publication through A is served by B within one second of A's 201, B having served (and
 *   kept) the previous edition before; the same for B's feed, and for withdrawals through A.
 *   B learns of it from A's change notice (src/store/change-feed.ts); without notices B keeps
 *   what it read for its noticed time limit (30 s), and this fails.
 * - Segment saves alternate between A and B with If-Match: an ETag one instance gave that the
 *   other has since moved on is refused there with 412, never taken.
 * - An embargo ends at the same instant on A and B. The service has no clock to inject (it is
 *   a real process on real time), so the embargo is short: both serve "nothing live" (404) and
 *   keep that answer, and both are read again as soon as the embargo time has passed on this
 *   machine's clock (theirs): both serve the edition at once, with the same ETag, instead of
 *   after their cache's time limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createUsers, type ApiAnswer, type Call } from '../support/http-api.ts';
import { createTestSchema, postgresAvailable, postgresUrlForSchema } from '../support/postgres.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'two-instances-admin-token-0123456789';
const tokens: Record<string, string> = { admin };
let schema: Awaited<ReturnType<typeof createTestSchema>> | undefined;
let a: RunningServer | undefined;
let b: RunningServer | undefined;
const callA = apiClient(() => a!, tokens);
const callB = apiClient(() => b!, tokens);

/** "At once": half the one second, which a cache kept for a second would not meet. */
const atOnce = 500;

const published = async (server: RunningServer, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/published/${path}`, { headers });
  return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
};

/** Reads `read` until `done` holds or `ms` pass; the time it took, or throws with the last answer. */
async function within<T>(ms: number, read: () => Promise<T>, done: (value: T) => boolean): Promise<number> {
  const started = performance.now();
  let last: T;
  do {
    last = await read();
    if (done(last)) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  } while (performance.now() - started < ms);
  throw new Error(`not within ${ms} ms; last: ${JSON.stringify(last)}`);
}

async function revise(call: Call, slug: string, markdown: string) {
  const current = await call('publisher', 'GET', `/api/statements/${slug}`);
  const res = await call('publisher', 'PUT', `/api/statements/${slug}/source`, { markdown }, { 'if-match': current.headers.get('etag')! });
  expect(res.status, res.text).toBe(200);
}

async function publishEn(call: Call, slug: string, extra: Record<string, unknown> = {}): Promise<ApiAnswer> {
  const res = await call('publisher', 'POST', `/api/statements/${slug}/editions`, { locales: ['en'], ...extra });
  expect(res.status, res.text).toBe(201);
  return res;
}

describe.skipIf(!postgresAvailable)('two instances on one PostgreSQL database', () => {
  beforeAll(async () => {
    schema = await createTestSchema();
    const env = { EDITIONS_DB: postgresUrlForSchema(schema.name), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off' };
    // At the same moment, on an empty schema: both migrate (one waits for the other) and both serve.
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    Object.assign(tokens, await createUsers(callA, {
      publisher: [{ role: 'publisher', locale: '*' }],
      translator: [{ role: 'translator', locale: 'fr' }],
    }));
  }, 60_000);

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await schema?.drop();
    expect(codes).toEqual([0, 0]);
  });

  it('serves a publication and a withdrawal through A on B within one second', async () => {
    expect((await callA('publisher', 'POST', '/api/statements', { slug: 'appeal', sourceLocale: 'en', markdown: '# Appeal\n\nFirst text.\n' })).status).toBe(201);
    // B has read (and keeps) that nothing is published yet, and its feed.
    expect((await published(b!, 'appeal/en.md')).status).toBe(404);
    const emptyFeed = await (await fetch(`${b!.url}/feeds/en.atom`)).text();
    expect(emptyFeed).not.toContain('Appeal');

    const first = await publishEn(callA, 'appeal');
    const firstId = first.body.editions[0].id as string;
    const firstSeen = await within(1000, () => published(b!, 'appeal/en.md'), (r) => r.status === 200);
    const v1 = await published(b!, 'appeal/en.md');
    expect(v1.text).toContain('First text.');
    expect(v1.etag).toBe((await published(a!, 'appeal/en.md')).etag);
    // B answers from what it keeps.
    expect((await published(b!, 'appeal/en.md', { 'if-none-match': v1.etag! })).status).toBe(304);
    await within(1000, () => fetch(`${b!.url}/feeds/en.atom`).then((r) => r.text()), (t) => t.includes('Appeal'));

    // A correction through A: B serves it (Markdown and ETag) within a second of A's 201; in
    // fact at once (a notice), well before a one-second cache would let it (measured: tens of ms).
    await revise(callA, 'appeal', '# Appeal\n\nCorrected text.\n');
    const second = await publishEn(callA, 'appeal');
    const secondId = second.body.editions[0].id as string;
    const correctionSeen = await within(atOnce, () => published(b!, 'appeal/en.md'), (r) => r.text.includes('Corrected text.'));
    const v2 = await published(b!, 'appeal/en.md');
    expect(v2.etag).not.toBe(v1.etag);
    expect(v2.etag).toBe((await published(a!, 'appeal/en.md')).etag);
    expect((await published(b!, 'appeal/en.md', { 'if-none-match': v1.etag! })).status).toBe(200);

    // Withdrawn through A: B serves the previous edition again, then nothing once that one is withdrawn too.
    expect((await callA('publisher', 'POST', `/api/statements/appeal/editions/${secondId}/withdraw`, { reason: 'wrong figure' })).status).toBe(200);
    const withdrawalSeen = await within(atOnce, () => published(b!, 'appeal/en.md'), (r) => r.etag === v1.etag);
    expect((await callA('publisher', 'POST', `/api/statements/appeal/editions/${firstId}/withdraw`, { reason: 'retracted' })).status).toBe(200);
    const lastWithdrawalSeen = await within(atOnce, () => published(b!, 'appeal/en.md'), (r) => r.status === 404);
    console.log(`B served the change after A's answer: first ${firstSeen.toFixed(0)} ms, correction ${correctionSeen.toFixed(0)} ms, withdrawal ${withdrawalSeen.toFixed(0)} ms, last withdrawal ${lastWithdrawalSeen.toFixed(0)} ms`);
  });

  it('honours If-Match across instances: a version one instance gave, moved on by the other, is 412', async () => {
    expect((await callB('publisher', 'POST', '/api/statements', { slug: 'saves', sourceLocale: 'en', markdown: '# Saves\n\nOne paragraph.\n' })).status).toBe(201);
    const segmentId = (await callA('publisher', 'GET', '/api/statements/saves')).body.segments[1].id as string;
    const path = `/api/statements/saves/translations/fr/segments/${segmentId}`;
    let etag = '"1"';
    for (let i = 0; i < 6; i++) {
      const [here, there] = i % 2 === 0 ? [callA, callB] : [callB, callA];
      const saved = await here('translator', 'PUT', path, { text: `Un paragraphe, version ${i}.` }, { 'if-match': etag });
      expect(saved.status, saved.text).toBe(200);
      const stale = etag;
      etag = saved.headers.get('etag')!;
      expect(etag).not.toBe(stale);
      // The other instance refuses the version this one has moved on from, and shows the current text.
      const refused = await there('translator', 'PUT', path, { text: 'Trop tard.' }, { 'if-match': stale });
      expect(refused.status, refused.text).toBe(412);
      expect(refused.body.error.details).toMatchObject({ segmentId, version: Number(JSON.parse(etag)) });
      expect(refused.body.error.details.text).toBe(`Un paragraphe, version ${i}.`);
    }
    const read = await callB('translator', 'GET', '/api/statements/saves/translations/fr');
    expect(read.body.segments.find((s: { id: string }) => s.id === segmentId)).toMatchObject({ text: 'Un paragraphe, version 5.', version: Number(JSON.parse(etag)) });
  });

  it('ends an embargo at the same instant on both instances', async () => {
    expect((await callA('publisher', 'POST', '/api/statements', { slug: 'embargoed', sourceLocale: 'en', markdown: '# Embargoed\n\nNot before the time.\n' })).status).toBe(201);
    const until = new Date(Date.now() + 2000).toISOString();
    await publishEn(callA, 'embargoed', { embargoUntil: until });
    // Both read, and keep, that nothing is live; again just before the end (a one-second cache
    // would then keep that answer past it).
    const at = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));
    for (const server of [a!, b!, a!, b!]) expect((await published(server, 'embargoed/en.md')).status).toBe(404);
    await at(Date.parse(until) - 1000);
    for (const server of [a!, b!]) expect((await published(server, 'embargoed/en.md')).status).toBe(404);
    await at(Date.parse(until) - 150);
    for (const server of [a!, b!]) expect((await published(server, 'embargoed/en.md')).status).toBe(404);
    await at(Date.parse(until));
    const [onA, onB] = await Promise.all([published(a!, 'embargoed/en.md'), published(b!, 'embargoed/en.md')]);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    expect(onA.text).toContain('Not before the time.');
    expect(onB.etag).toBe(onA.etag);
  });
});
