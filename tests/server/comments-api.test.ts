/** Comment threads over HTTP (issue 16), against the service on 127.0.0.1 with a real SQLite file. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useService } from '../support/use-service.ts';

const service = useService({ users: { publisher: [{ role: 'publisher', locale: '*' }], translator: [{ role: 'translator', locale: 'fr' }], reviewer: [{ role: 'reviewer', locale: 'fr' }] } });
const { call } = service;
const base = '/api/statements/talk/translations/fr';
let segments: { id: string; text: string }[] = [];

beforeAll(async () => {
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'talk', sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n' })).status).toBe(201);
  segments = (await call('translator', 'GET', '/api/statements/talk')).body.segments as { id: string; text: string }[];
  const first = segments[0]!;
  expect((await call('translator', 'PUT', `${base}/segments/${first.id}`, { text: 'Titre' }, { 'if-match': '1' })).status).toBe(200);
});

describe('comments API', () => {
  it('keeps a thread per segment, both ways, and a review’s comment in it', async () => {
    const [first, second] = segments;
    const asked = await call('reviewer', 'POST', `${base}/comments`, { segmentId: first!.id, text: 'Capitalised?' });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ segmentId: first!.id, kind: 'comment', text: 'Capitalised?', author: { name: 'reviewer', role: 'reviewer' } });
    expect((await call('translator', 'POST', `${base}/comments`, { segmentId: first!.id, text: 'Yes, as the source.' })).status).toBe(201);
    const reviewed = await call('reviewer', 'POST', `${base}/reviews`, { decision: 'request_changes', segments: [first!.id], comment: 'Keep the source’s case' });
    expect(reviewed.status, reviewed.text).toBe(200);
    const threads = await call('translator', 'GET', `${base}/comments`);
    expect(threads.status).toBe(200);
    expect(threads.body.total).toBe(3);
    expect((threads.body.segments[first!.id] as { text: string }[]).map((c) => c.text)).toEqual(['Capitalised?', 'Yes, as the source.', 'Keep the source’s case']);
    expect(threads.body.segments[first!.id][2]).toMatchObject({ kind: 'request_changes', author: { role: 'reviewer' } });
    expect((await call('translator', 'POST', `${base}/comments`, { segmentId: second!.id, text: 'Untouched yet' })).status).toBe(201);
    const one = await call('translator', 'GET', `${base}/comments?segment=${encodeURIComponent(second!.id)}`);
    expect(one.body.total).toBe(1);
  });

  it('refuses bad input with a code in the caller’s language, and stores nothing', async () => {
    const before = (await call('admin', 'GET', `${base}/comments`)).body.total as number;
    const empty = await call('translator', 'POST', `${base}/comments`, { text: '   ' }, { 'accept-language': 'fr' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_failed');
    const unknown = await call('translator', 'POST', `${base}/comments`, { segmentId: 'nope', text: 'Hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('segment_not_found');
    const outsider = await call('publisher', 'POST', `${base}/comments`, { text: 'Hi' });
    expect(outsider.status).toBe(403);
    expect((await call('translator', 'POST', '/api/statements/talk/translations/ar/comments', { text: 'Hi' })).status).toBe(403);
    expect((await call('admin', 'GET', `${base}/comments`)).body.total).toBe(before);
  });
});
