/**
 * The three workflows end to end on every content/ statement, over the service on
 * 127.0.0.1 with a real SQLite file: submit a statement; machine drafts for es, fr and ar;
 * Spanish written segment by segment, French uploaded as Markdown, Arabic as XLIFF 2.0 from
 * a CAT tool; review with four-eyes; publish all locales together; readers fetch md, html
 * and json with negotiation, fallback and 304; then the source is revised: the published
 * editions stay live while the stale segments are drafted again (the new drafts beside the
 * kept human text), corrected and republished.
 */
import { describe, expect, it } from 'vitest';
import { copiesItself } from '../../src/markdown/copies-itself.ts';
import { parseMarkdown, reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { pseudoText } from '../../src/mt/pseudo.ts';
import { contentStatements } from '../support/corpora.ts';
import { marked } from '../support/flow.ts';
import { asRead } from '../support/http-api.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: ['es', 'fr', 'ar'].flatMap((locale) => [{ role: 'translator', locale }, { role: 'reviewer', locale }]),
    reviewer: ['es', 'fr', 'ar'].map((locale) => ({ role: 'reviewer', locale })),
  },
  env: { EDITIONS_FALLBACK_LOCALES: 'fr' },
});
const { call, tokens } = service;
const statements = contentStatements();
const human = (text: string, mark: string) => marked(pseudoText(text), mark);

type Seg = { id: string; source: string; machine: string | null; text: string | null; state: string; version: number };

/** The job once it has ended: its progress stream (server-sent events) ends with the job. */
async function waitForJob(id: string) {
  const events = await fetch(`${service.url}/api/jobs/${id}/events`, { headers: { authorization: `Bearer ${tokens.translator}` } });
  expect(events.status).toBe(200);
  await events.text();
  const job = (await call('translator', 'GET', `/api/jobs/${id}`)).body;
  expect(['done', 'failed']).toContain(job.status);
  return job;
}

describe.each(statements)('$name', ({ name, markdown }) => {
  const base = (locale: string) => `/api/statements/${name}/translations/${locale}`;
  const segmentsOf = async (locale: string) => (await call('translator', 'GET', base(locale))).body.segments as Seg[];

  it('is submitted, drafted for es, fr and ar, translated three ways, reviewed with four eyes and published together', async () => {
    expect((await call('publisher', 'POST', `/api/statements?slug=${name}&sourceLocale=en`, markdown, { 'content-type': 'text/markdown' })).status).toBe(201);
    const job = await call('translator', 'POST', `/api/statements/${name}/drafts`, { locales: ['es', 'fr', 'ar'], provider: 'pseudo' });
    expect(job.status).toBe(202);
    const done = await waitForJob(job.body.id);
    expect(done.status).toBe('done');
    // Segments of numbers, codes or placeholders only are their own translation from the start: nothing to draft.
    const total = segmentMarkdown(markdown).segments.filter((s) => !copiesItself(s.text)).length;
    for (const l of ['es', 'fr', 'ar']) expect(done.progress[l]).toMatchObject({ done: total, total });

    // Spanish: segment by segment, with If-Match.
    for (const s of await segmentsOf('es')) {
      const r = await call('translator', 'PUT', `${base('es')}/segments/${s.id}`, { text: human(s.source, 'ñ') }, { 'if-match': String(s.version) });
      expect(r.status, r.text).toBe(200);
    }
    // French: the whole translation as Markdown, aligned by structure.
    const doc = segmentMarkdown(markdown);
    const french = reassemble(doc, new Map(doc.segments.map((s) => [s.id, human(s.text, 'ç')]))).markdown;
    const up = await call('translator', 'PUT', base('fr'), french, { 'content-type': 'text/markdown' });
    expect(up.status, up.text).toBe(200);
    // Arabic: XLIFF 2.0 out to a CAT tool, every target written, back in.
    const xliff = (await call('translator', 'GET', `${base('ar')}.xlf`)).text;
    const filled = xliff.replace(/<target>([\s\S]*?)<\/target>/g, (_t, inner: string) => `<target>م ${inner}</target>`);
    const back = await call('translator', 'PUT', base('ar'), filled, { 'content-type': 'application/xliff+xml' });
    expect(back.status, back.text).toBe(200);
    expect(back.body.updated).toBe(doc.segments.length); // every target changed, the self-translating ones too

    for (const l of ['es', 'fr', 'ar']) {
      const segs = await segmentsOf(l);
      expect(segs.every((s) => s.state === 'translated'), l).toBe(true);
      expect((await call('translator', 'POST', `${base(l)}/submit`)).status).toBe(200);
      // Four-eyes: the translator also reviews this locale, but not what they wrote.
      expect((await call('translator', 'POST', `${base(l)}/reviews`, { decision: 'approve', comment: 'mine' }, await asRead(call, 'translator', base(l)))).body.error.code).toBe('four_eyes');
      expect((await call('reviewer', 'POST', `${base(l)}/reviews`, { decision: 'approve', comment: 'ok' }, await asRead(call, 'reviewer', base(l)))).status).toBe(200);
    }
  });

  it('is read by readers in md, html and json, with negotiation, fallback and 304', async () => {
    const published = await call('publisher', 'POST', `/api/statements/${name}/editions`, { locales: ['en', 'es', 'fr', 'ar'] });
    expect(published.status, published.text).toBe(201);
    for (const l of ['en', 'es', 'fr', 'ar']) {
      const md = await fetch(`${service.url}/published/${name}/${l}.md`);
      expect(md.status).toBe(200);
      const text = await md.text();
      if (l !== 'en') expect(text).toContain({ es: 'ñ', fr: 'ç', ar: 'م' }[l]!);
      const html = await (await fetch(`${service.url}/published/${name}/${l}.html`)).text();
      expect(html).toMatch(new RegExp(`^<!doctype html><html lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}">`));
      expect(html).toContain(`<article lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(html).not.toMatch(/<script|javascript:|\son\w+=/i);
      const json = (await (await fetch(`${service.url}/published/${name}/${l}.json`)).json()) as { edition: { locale: string; hash: string } };
      expect(json.edition.hash).toBe(published.body.editions.find((e: { locale: string }) => e.locale === l).hash);
      const etag = md.headers.get('etag')!;
      expect((await fetch(`${service.url}/published/${name}/${l}.md`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
    const ar = await fetch(`${service.url}/published/${name}`, { headers: { 'accept-language': 'ar-EG, en;q=0.5' } });
    expect(ar.headers.get('content-language')).toBe('ar');
    const pt = await fetch(`${service.url}/published/${name}`, { headers: { 'accept-language': 'pt-BR' } });
    expect(pt.headers.get('content-language')).toBe('fr'); // EDITIONS_FALLBACK_LOCALES=fr
    expect(pt.headers.get('content-location')).toBe(`/published/${name}/fr`);
  });

  it('keeps its editions live through a source revision while the stale segments are drafted again and republished', async () => {
    const before = await (await fetch(`${service.url}/published/${name}/es.md`)).text();
    const frBefore = await (await fetch(`${service.url}/published/${name}/fr.md`)).text();
    const statement = (await call('publisher', 'GET', `/api/statements/${name}`)).body;
    // One sentence added at the end of the first top-level paragraph.
    const paragraph = parseMarkdown(markdown).children.find((n) => n.type === 'paragraph')!;
    const end = paragraph.position!.end.offset!;
    const revisedMarkdown = `${markdown.slice(0, end)} (updated)${markdown.slice(end)}`;
    expect(revisedMarkdown).not.toBe(markdown);
    const revised = await call('publisher', 'PUT', `/api/statements/${name}/source`, { markdown: revisedMarkdown }, { 'if-match': `"${statement.revision}"` });
    expect(revised.status, revised.text).toBe(200);
    expect(await (await fetch(`${service.url}/published/${name}/es.md`)).text()).toBe(before);

    const stale = (await segmentsOf('es')).filter((s) => s.state === 'stale');
    expect(stale.length).toBeGreaterThan(0);
    const job = await call('translator', 'POST', `/api/statements/${name}/drafts`, { locales: ['es'], provider: 'pseudo' });
    const done = await waitForJob(job.body.id);
    expect(done.progress.es.total).toBe(stale.length);
    const redrafted = (await segmentsOf('es')).filter((s) => stale.some((x) => x.id === s.id));
    // The human text stays, and so does the state: the new draft goes beside it.
    for (const s of redrafted) expect(s).toMatchObject({ state: 'stale', text: stale.find((x) => x.id === s.id)!.text, machine: pseudoText(s.source) });
    for (const s of redrafted) {
      expect((await call('translator', 'PUT', `${base('es')}/segments/${s.id}`, { text: human(s.source, 'ñ') }, { 'if-match': String(s.version) })).status).toBe(200);
    }
    expect((await call('translator', 'POST', `${base('es')}/submit`)).status).toBe(200);
    expect((await call('reviewer', 'POST', `${base('es')}/reviews`, { decision: 'approve', comment: 'ok' }, await asRead(call, 'reviewer', base('es')))).status).toBe(200);
    const republished = await call('publisher', 'POST', `/api/statements/${name}/editions`, { locales: ['es'], correctionNote: 'Updated after the source changed.' });
    expect(republished.status, republished.text).toBe(201);
    expect(republished.body.editions[0].correction).toMatchObject({ note: 'Updated after the source changed.', changedSegments: stale.length });
    // A publication through this service is served at once (it forgets the statement's published index): no wait.
    const after = await (await fetch(`${service.url}/published/${name}/es.md`)).text();
    expect(after).not.toBe(before);
    expect(after).toContain('(úþðáţéð)'); // "(updated)" as the pseudo-translating translator wrote it
    // French was not republished: its edition is the one from before the revision.
    expect(await (await fetch(`${service.url}/published/${name}/fr.md`)).text()).toBe(frBefore);
  }, 20_000);
});
