/** The translation workflow over HTTP against the service on 127.0.0.1 with a real SQLite file. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { pseudoText } from '../../src/mt/pseudo.ts';
import { marked } from '../support/flow.ts';
import { contentStatements } from '../support/corpora.ts';
import { useService } from '../support/use-service.ts';

const admin = 'workflow-admin-token-0123456789';
const service = useService({ admin });
const sample = contentStatements()[3]!;
const tokens: Record<string, string> = {};


async function call(who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${who === 'admin' ? admin : tokens[who]}`, ...(typeof body === 'string' ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

async function waitForJob(id: string) {
  for (let i = 0; i < 200; i++) {
    const job = await call('translator', 'GET', `/api/jobs/${id}`);
    if (job.body!.status === 'done' || job.body!.status === 'failed') return job.body!;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job did not finish');
}

describe('the workflow over HTTP', () => {
  it('creates users with roles per locale; only admins may', async () => {
    for (const [name, roles] of Object.entries({
      publisher: [{ role: 'publisher', locale: '*' }],
      translator: [{ role: 'translator', locale: 'fr' }, { role: 'translator', locale: 'ar' }],
      reviewer: [{ role: 'reviewer', locale: 'fr' }, { role: 'reviewer', locale: 'ar' }],
    })) {
      const res = await call('admin', 'POST', '/api/users', { name, roles });
      expect(res.status).toBe(201);
      tokens[name] = res.body!.token;
    }
    expect((await call('translator', 'POST', '/api/users', { name: 'x', roles: [{ role: 'admin', locale: '*' }] })).body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await call('admin', 'POST', '/api/users', { name: 'x', roles: [{ role: 'boss', locale: '*' }] })).status).toBe(400);
  });

  it('creates a statement from JSON and from text/markdown; refuses bad slugs and duplicates', async () => {
    const created = await call('publisher', 'POST', '/api/statements', { slug: sample.name, sourceLocale: 'en', markdown: sample.markdown });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: sample.name, revision: 1, sourceLocale: 'en' });
    expect(created.headers.get('etag')).toBe('"1"');
    const md = await call('publisher', 'POST', '/api/statements?slug=short-note&sourceLocale=en', '# Short note\n\nOne paragraph.\n', { 'content-type': 'text/markdown' });
    expect(md.body).toMatchObject({ slug: 'short-note' });
    expect(md.status).toBe(201);
    expect(md.body!.segments).toHaveLength(2);
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'Bad Slug', sourceLocale: 'en', markdown: '# x' })).body).toMatchObject({ error: { code: 'slug_invalid' } });
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'short-note', sourceLocale: 'en', markdown: '# x' })).status).toBe(409);
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'x', sourceLocale: 'en_GB', markdown: '# x' })).body).toMatchObject({ error: { code: 'locale_invalid' } });
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'x' })).body).toMatchObject({ error: { code: 'validation_failed', details: { field: 'sourceLocale' } } });
    const plain = await call('publisher', 'POST', '/api/statements?slug=x', '# x', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const huge = await call('publisher', 'POST', '/api/statements?slug=huge', 'x'.repeat(2_100_000), { 'content-type': 'text/markdown' });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'input_too_large' } });
    const list = await call('translator', 'GET', '/api/statements?limit=1');
    expect(list.body).toMatchObject({ total: 2, statements: [{ slug: 'short-note' }] });
    expect(list.body!.nextCursor).toEqual(expect.any(String));
  });

  it('drafts, edits with If-Match, submits, reviews with four eyes, publishes', async () => {
    const job = await call('translator', 'POST', `/api/statements/${sample.name}/drafts`, { locales: ['fr', 'ar'], provider: 'pseudo' });
    expect(job.status).toBe(202);
    expect((await waitForJob(job.body!.id)).status).toBe('done');

    const base = `/api/statements/${sample.name}/translations/fr`;
    const t = await call('translator', 'GET', base);
    expect(t.status).toBe(200);
    const etag = t.headers.get('etag')!;
    expect((await call('translator', 'GET', base, undefined, { 'if-none-match': etag })).status).toBe(304);
    // Compared weakly, as RFC 9110 says for If-None-Match (the tag is weak: its strong spelling matches too); `*` and lists too.
    expect(etag).toMatch(/^W\//);
    for (const given of [etag.slice(2), `"other", ${etag}`, '*']) expect((await call('translator', 'GET', base, undefined, { 'if-none-match': given })).status, given).toBe(304);
    expect((await call('translator', 'GET', base, undefined, { 'if-none-match': '"other"' })).status).toBe(200);
    const segments = t.body!.segments as { id: string; source: string; machine: string; version: number }[];

    // A stale If-Match: 412 with the current text, nothing changed.
    const first = segments[0]!;
    const ok = await call('translator', 'PUT', `${base}/segments/${first.id}`, { text: `✎${first.machine}` }, { 'if-match': `"${first.version}"` });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'translated', version: first.version + 1 });
    const stale = await call('translator', 'PUT', `${base}/segments/${first.id}`, { text: 'lost?' }, { 'if-match': String(first.version) });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { code: 'version_conflict', details: { text: `✎${first.machine}`, version: first.version + 1 } } });
    expect((await call('translator', 'PUT', `${base}/segments/${first.id}`, { text: 'x' })).body).toMatchObject({ error: { code: 'validation_failed', details: { field: 'If-Match' } } });
    expect((await call('translator', 'GET', base, undefined, { 'if-none-match': etag })).status).toBe(200);

    for (const s of segments.slice(1)) {
      const r = await call('translator', 'PUT', `${base}/segments/${s.id}`, { text: pseudoText(s.source) }, { 'if-match': String(s.version) });
      expect(r.status).toBe(200);
    }
    expect((await call('translator', 'POST', `${base}/submit`)).status).toBe(200);
    // An approval names what the reviewer read: without it, 428; with the translation's ETag, 200.
    expect((await call('reviewer', 'POST', `${base}/reviews`, { decision: 'approve' })).body).toMatchObject({ error: { code: 'precondition_required' } });
    const read = (await call('reviewer', 'GET', base)).headers.get('etag')!;
    expect((await call('reviewer', 'POST', `${base}/reviews`, { decision: 'approve' }, { 'if-match': read })).status).toBe(200);
    expect((await call('translator', 'POST', `${base}/reviews`, { decision: 'approve' })).body).toMatchObject({ error: { code: 'forbidden' } });

    const published = await call('publisher', 'POST', `/api/statements/${sample.name}/editions`, { locales: ['ar', 'fr'] });
    expect(published.status).toBe(409);
    expect(published.body).toMatchObject({ error: { code: 'not_ready_to_publish', details: { locale: 'ar' } } });
    // Every segment but one left exactly as the machine wrote it: the gate holds without a reason.
    const gated = await call('publisher', 'POST', `/api/statements/${sample.name}/editions`, { locales: ['fr', 'en'] });
    expect(gated.status).toBe(409);
    expect(gated.body!.error).toMatchObject({ code: 'quality_blocked', details: { locale: 'fr', findings: [{ rule: 'machine-share', key: 'machine-share.excessive' }] } });
    const fr = await call('publisher', 'POST', `/api/statements/${sample.name}/editions`, { locales: ['fr', 'en'], override: { reason: 'Pseudo text for a test run' } });
    expect(fr.status).toBe(201);
    expect(fr.body!.editions[0].provenance.overrides).toEqual([expect.objectContaining({ rule: 'machine-share', reason: 'Pseudo text for a test run', by: 'publisher' })]);
    // What did not block comes back with the edition, with its message.
    expect(fr.body!.editions[0].findings).toContainEqual(expect.objectContaining({ rule: 'machine-share', severity: 'fatal', overridden: expect.objectContaining({ reason: 'Pseudo text for a test run' }), message: expect.stringMatching(/%/) }));
    expect(fr.body!.editions.map((e: { locale: string }) => e.locale)).toEqual(['fr', 'en']);
    const list = await call('translator', 'GET', `/api/statements/${sample.name}/editions`);
    expect(list.body!.editions).toHaveLength(2);
    expect(list.body!.editions.find((e: { locale: string }) => e.locale === 'fr')).toMatchObject({ slug: sample.name, sourceRevision: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('nobody approves what they wrote (403 four_eyes)', async () => {
    const both = await call('admin', 'POST', '/api/users', { name: 'both', roles: [{ role: 'translator', locale: 'ar' }, { role: 'reviewer', locale: 'ar' }] });
    tokens.both = both.body!.token;
    const base = `/api/statements/${sample.name}/translations/ar`;
    const [s] = (await call('both', 'GET', base)).body!.segments as { id: string; source: string; version: number }[];
    expect((await call('both', 'PUT', `${base}/segments/${s!.id}`, { text: pseudoText(s!.source) }, { 'if-match': String(s!.version) })).status).toBe(200);
    const refused = await call('both', 'POST', `${base}/reviews`, { decision: 'approve', segments: [s!.id], versions: { [s!.id]: s!.version + 1 } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'four_eyes' } });
  });

  it('revises the source with If-Match; the edition stays live', async () => {
    const revised = await call('publisher', 'PUT', `/api/statements/${sample.name}/source`, { markdown: `${sample.markdown}\nA closing line added.\n` }, { 'if-match': '"1"' });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ revision: 2, created: true });
    expect((await call('publisher', 'PUT', `/api/statements/${sample.name}/source`, { markdown: '# x' }, { 'if-match': '"1"' })).status).toBe(412);
    const editions = await call('translator', 'GET', `/api/statements/${sample.name}/editions`);
    expect(editions.body!.editions.filter((e: { withdrawnAt: string | null }) => !e.withdrawnAt)).toHaveLength(2);
  });

  it('takes a whole translation as Markdown (aligned by structure) and as XLIFF 2.0', async () => {
    const base = `/api/statements/${sample.name}/translations/ar`;
    const current = (await call('translator', 'GET', `/api/statements/${sample.name}`)).body!.markdown as string;
    const doc = segmentMarkdown(current);
    const translated = reassemble(doc, new Map(doc.segments.map((s) => [s.id, marked(pseudoText(s.text), 'م')]))).markdown;
    const put = await call('translator', 'PUT', base, translated, { 'content-type': 'text/markdown' });
    expect(put.body).toMatchObject({ updated: expect.any(Number) });
    expect(put.status).toBe(200);
    expect(put.body!.updated + put.body!.unchanged).toBe(doc.segments.length);
    const after = (await call('translator', 'GET', base)).body!.segments as { state: string; text: string; findings: unknown[] }[];
    expect(after.every((s) => s.state === 'translated' && s.text.includes('م') && s.findings.length === 0)).toBe(true);

    const broken = translated.replace(/\n## [^\n]*\n/, '\n');
    expect(broken).not.toBe(translated);
    const mismatch = await call('translator', 'PUT', base, broken, { 'content-type': 'text/markdown' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({ error: { code: 'structure_mismatch', details: { path: expect.stringMatching(/^\//) } } });

    const xlf = await fetch(`${service.url}${base}.xlf`, { headers: { authorization: `Bearer ${tokens.translator}` } });
    expect(xlf.headers.get('content-type')).toMatch(/^application\/xliff\+xml/);
    const xml = await xlf.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:editions="urn:x-editions:xliff" version="2.0" srcLang="en" trgLang="ar">/);
    expect(xml).toMatch(/<pc id="1">/);
    expect(xml).toMatch(/<note>state: translated<\/note>/);
    // A CAT tool edits every target (the text inside, never the codes) and sends it back.
    const edited = xml.replace(/<target>([\s\S]*?)<\/target>/g, (_m, inner: string) => `<target>${inner.replace(/م/g, 'ت')}</target>`);
    const back = await call('translator', 'PUT', base, edited, { 'content-type': 'application/xliff+xml' });
    expect(back.status).toBe(200);
    expect(back.body!.updated).toBe(doc.segments.length);
    const final = (await call('translator', 'GET', base)).body!.segments as { text: string; findings: unknown[] }[];
    expect(final.every((s) => s.text.includes('ت') && !s.text.includes('م') && s.findings.length === 0)).toBe(true);
    expect(final.map((s) => s.text.replace(/ت/g, 'م'))).toEqual(after.map((s) => s.text));
    expect((await call('translator', 'PUT', base, xml.replace('trgLang="ar"', 'trgLang="fa"'), { 'content-type': 'application/xliff+xml' })).status).toBe(400);
  });

  it('serves published editions to readers: md, html, json, 304, negotiation, fallback', async () => {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers });
    const md = await get(`/published/${sample.name}/fr.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-language')).toBe('fr');
    expect(md.headers.get('cache-control')).toMatch(/public, max-age=\d+, s-maxage=\d+/);
    const etag = md.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}-[0-9a-f]{8}\.md"$/);
    const text = await md.text();
    expect(text).toContain('✎');
    expect((await get(`/published/${sample.name}/fr.md`, { 'if-none-match': etag })).status).toBe(304);

    const html = await get(`/published/${sample.name}/fr`, { accept: 'text/html' });
    expect(html.headers.get('vary')).toBe('Accept');
    const page = await html.text();
    expect(page.startsWith('<!doctype html><html lang="fr" dir="ltr">')).toBe(true);
    expect(page).toContain('<article lang="fr" dir="ltr">');
    expect(page).not.toContain('title:');
    const json = (await (await get(`/published/${sample.name}/fr.json`)).json()) as { mdast: { type: string }; edition: { locale: string; hash: string }; provenance: { reviewers: string[]; reviewerCount?: number } };
    expect(json.mdast.type).toBe('root');
    expect(json.edition).toMatchObject({ locale: 'fr', hash: etag.slice(1, 65) });
    // Reviewers by role only on the public side (EDITIONS_REVIEWER_DISPLAY's default).
    expect(json.provenance).toMatchObject({ reviewers: [], reviewerCount: 1 });

    const chosen = await get(`/published/${sample.name}`, { 'accept-language': 'fr-CA, de;q=0.8' });
    expect(chosen.headers.get('content-language')).toBe('fr');
    expect(chosen.headers.get('content-location')).toBe(`/published/${sample.name}/fr`);
    expect(chosen.headers.get('vary')).toBe('Accept-Language, Accept');
    expect(chosen.headers.get('link')).toBe(`</published/${sample.name}/en>; rel="alternate"; hreflang="en", </published/${sample.name}/fr>; rel="alternate"; hreflang="fr"`);
    expect((await get(`/published/${sample.name}`, { 'accept-language': 'de' })).headers.get('content-language')).toBe('en');

    const unpublished = await get(`/published/${sample.name}/ar`);
    expect(unpublished.status).toBe(404);
    expect(await unpublished.json()).toMatchObject({ error: { code: 'edition_not_found' } });
  });

  it('keeps an embargoed edition out of sight and sanitises what it serves', async () => {
    const markdown = '# Safe\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n';
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'xss', sourceLocale: 'en', markdown })).status).toBe(201);
    const embargoed = await call('publisher', 'POST', '/api/statements/xss/editions', { locales: ['en'], embargoUntil: '2099-01-01T00:00:00Z' });
    expect(embargoed.status).toBe(201);
    expect((await fetch(`${service.url}/published/xss/en.html`)).status).toBe(404);
    expect((await call('publisher', 'POST', '/api/statements/xss/editions', { locales: ['en'] })).status).toBe(201);
    const page = await (await fetch(`${service.url}/published/xss/en.html`)).text();
    expect(page).toContain('<h1>Safe</h1>');
    expect(page).not.toMatch(/<script|javascript:|onerror/i);
  });

  it('serves an OpenAPI document that validates and lists every route', async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const validation = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
    expect(validation.errors ?? [], JSON.stringify(validation.errors)).toEqual([]);
    expect(validation.valid).toBe(true);
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(routes).toEqual([
      'GET /api/jobs/{id}',
      'GET /api/jobs/{id}/events',
      'GET /api/statements',
      'GET /api/statements/{slug}',
      'GET /api/statements/{slug}/editions',
      'GET /api/statements/{slug}/translations/{locale}',
      'POST /api/statements',
      'POST /api/statements/{slug}/drafts',
      'POST /api/statements/{slug}/editions',
      'POST /api/statements/{slug}/editions/{id}/withdraw',
      'POST /api/statements/{slug}/translations/{locale}/reviews',
      'POST /api/statements/{slug}/translations/{locale}/submit',
      'GET /api/statements/{slug}/translations/{locale}/comments',
      'GET /api/statements/{slug}/translations/{locale}/segments/{segmentId}/history',
      'POST /api/statements/{slug}/translations/{locale}/comments',
      'POST /api/users',
      'GET /api/users',
      'POST /api/users/{id}/token',
      'POST /api/users/{id}/revoke',
      'POST /api/users/{id}/sign-in-links',
      'GET /api/users/me',
      'PATCH /api/users/me',
      'PATCH /api/users/{id}',
      'POST /api/webhooks',
      'GET /api/link-targets/{locale}',
      'POST /api/glossary',
      'DELETE /api/glossary/{id}',
      'GET /api/glossary',
      'GET /api/glossary.tbx',
      'GET /api/glossary.csv',
      'GET /api/tm.tmx',
      'POST /api/tm',
      'POST /api/statements/{slug}/translations/{locale}/overrides',
      'GET /api/statements/{slug}/translations/{locale}/back-translation',
      'PUT /api/link-targets/{locale}',
      'GET /api/webhooks',
      'GET /api/webhooks/{id}/deliveries',
      'PUT /api/statements/{slug}/source',
      'PUT /api/statements/{slug}/translations/{locale}',
      'PUT /api/statements/{slug}/translations/{locale}/segments/{segmentId}',
      'GET /health',
      'GET /feeds/{file}',
      'GET /published/{slug}',
      'GET /published/{slug}/{file}',
    ].sort());
  });
});
