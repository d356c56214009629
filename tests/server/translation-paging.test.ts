/**
 * GET …/translations/{locale} answers a page of segments (`limit`, `cursor` or `offset`),
 * with the locale's total, counts per state and edition findings on every page, a next
 * cursor and `Link: rel="next"`, and an ETag per page; bad bounds are a 4xx that changes
 * nothing. Against the service on 127.0.0.1 with a real SQLite file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { largeStatement } from '../fixtures/large-statement.ts';
import { useService } from '../support/use-service.ts';

const slug = 'long';
const base = `/api/statements/${slug}/translations/fr`;
const segmentsInAll = 450;
const { call } = useService();
let sourceIds: string[];

beforeAll(async () => {
  const created = await call('admin', 'POST', `/api/statements?slug=${slug}&sourceLocale=en`, largeStatement(segmentsInAll));
  expect(created.status).toBe(201);
  sourceIds = (created.body.segments as { id: string }[]).map((s) => s.id);
  expect(sourceIds).toHaveLength(segmentsInAll);
  const job = await call('admin', 'POST', `/api/statements/${slug}/drafts`, { locales: ['fr'], provider: 'pseudo' });
  expect(job.status).toBe(202);
  // The event stream ends when the job is done.
  expect((await call('admin', 'GET', `/api/jobs/${job.body.id}/events`)).text).toContain('done');
});

/** The path of a Link header's rel="next", or null. */
function nextOf(link: string | null): string | null {
  const m = /<([^>]+)>;\s*rel="next"/.exec(link ?? '');
  return m ? m[1]! : null;
}

describe('GET …/translations/{locale}, paged', () => {
  it('answers the first 200 segments with the total, the counts per state, the edition findings and the next page', async () => {
    const res = await call('admin', 'GET', base);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: segmentsInAll, limit: 200, offset: 0, revision: 1 });
    expect(res.body.segments.map((s: { id: string }) => s.id)).toEqual(sourceIds.slice(0, 200));
    expect(res.body.states).toMatchObject({ machine: segmentsInAll, translated: 0 });
    expect(Array.isArray(res.body.findings)).toBe(true);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    expect(nextOf(res.headers.get('link'))).toBe(`${base}?limit=200&cursor=${res.body.nextCursor}`);
  });

  it('reaches every segment once, in order, by following the next links', async () => {
    const seen: string[] = [];
    let path: string | null = `${base}?limit=120`;
    let pages = 0;
    while (path) {
      const res = await call('admin', 'GET', path);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(segmentsInAll);
      seen.push(...res.body.segments.map((s: { id: string }) => s.id));
      pages++;
      path = nextOf(res.headers.get('link'));
      expect(res.body.nextCursor === null).toBe(path === null);
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(sourceIds);
  });

  it('pages by offset as GET /api/statements does, and numbers nothing past the end', async () => {
    const tail = await call('admin', 'GET', `${base}?offset=440&limit=20`);
    expect(tail.body).toMatchObject({ offset: 440, limit: 20, nextCursor: null });
    expect(tail.body.segments.map((s: { id: string }) => s.id)).toEqual(sourceIds.slice(440));
    expect(tail.headers.get('link')).toBeNull();
    const past = await call('admin', 'GET', `${base}?offset=5000`);
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ segments: [], nextCursor: null, total: segmentsInAll });
    const most = await call('admin', 'GET', `${base}?limit=1000`);
    expect(most.body.segments).toHaveLength(segmentsInAll);
    expect(most.body.nextCursor).toBeNull();
  });

  it('refuses bad bounds and cursors with a 4xx and a code, in the caller’s language, changing nothing', async () => {
    const before = await call('admin', 'GET', base);
    for (const query of ['limit=0', 'limit=1001', 'limit=ten', 'limit=2.5', 'offset=-1']) {
      const res = await call('admin', 'GET', `${base}?${query}`, undefined, { 'accept-language': 'fr' });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('validation_failed');
      expect(res.body.error.message, query).toMatch(/^Champ /);
    }
    const garbage = await call('admin', 'GET', `${base}?cursor=not-a-cursor`);
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toMatchObject({ code: 'input_unreadable', details: { field: 'cursor' } });
    const after = await call('admin', 'GET', base);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it('gives each page its own ETag, answers 304 to it, and moves every page’s tag when any segment changes', async () => {
    const first = await call('admin', 'GET', `${base}?limit=100`);
    const second = await call('admin', 'GET', `${base}?limit=100&offset=100`);
    const [tag1, tag2] = [first.headers.get('etag')!, second.headers.get('etag')!];
    expect(tag1).toMatch(/^W\/"/);
    expect(tag2).not.toBe(tag1);
    const same = await call('admin', 'GET', `${base}?limit=100`, undefined, { 'if-none-match': tag1 });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(nextOf(same.headers.get('link'))).toBe(nextOf(first.headers.get('link')));
    expect((await call('admin', 'GET', `${base}?limit=100&offset=100`, undefined, { 'if-none-match': tag1 })).status).toBe(200);

    // A segment of the second page changes: the first page's counts change with it.
    const segment = second.body.segments[5] as { id: string; version: number; source: string };
    const edited = await call('admin', 'PUT', `${base}/segments/${segment.id}`, { text: `${segment.source} (fr)` }, { 'if-match': String(segment.version) });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: segment.id, state: 'translated', version: segment.version + 1 });
    const firstAgain = await call('admin', 'GET', `${base}?limit=100`, undefined, { 'if-none-match': tag1 });
    expect(firstAgain.status).toBe(200);
    expect(firstAgain.body.states).toMatchObject({ machine: segmentsInAll - 1, translated: 1 });
    expect(firstAgain.headers.get('etag')).not.toBe(tag1);
    const secondAgain = await call('admin', 'GET', `${base}?limit=100&offset=100`, undefined, { 'if-none-match': tag2 });
    expect(secondAgain.status).toBe(200);
    expect(secondAgain.body.segments[5]).toMatchObject({ id: segment.id, state: 'translated' });
  });

  it('refuses a cursor of an earlier source revision (its positions name other segments): 412', async () => {
    const page = await call('admin', 'GET', `${base}?limit=50`);
    const statement = await call('admin', 'GET', `/api/statements/${slug}`);
    const revised = await call('admin', 'PUT', `/api/statements/${slug}/source`, `# A new opening\n\n${statement.body.markdown as string}`, { 'if-match': statement.headers.get('etag')! });
    expect(revised.status).toBe(200);
    const stale = await call('admin', 'GET', `${base}?limit=50&cursor=${page.body.nextCursor as string}`);
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'revision_conflict', details: { revision: 2, field: 'cursor' } });
  });
});
