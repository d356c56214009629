/**
 * What an approval covers, over HTTP against the service on 127.0.0.1 with a real SQLite
 * file: a review names the versions it decides (a segment changed since answers 412 and
 * nothing is recorded; an approval without them answers 428), and four-eyes goes by
 * authorship (whoever saved the text last, its author may not approve it).
 */
import { describe, expect, it } from 'vitest';
import { asRead } from '../support/http-api.ts';
import { tableRows } from '../support/table-rows.ts';
import { signInToPages } from '../support/page-session.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }],
    translator2: [{ role: 'translator', locale: 'fr' }],
    reviewer: [{ role: 'reviewer', locale: 'fr' }],
    both: [{ role: 'translator', locale: 'fr' }, { role: 'reviewer', locale: 'fr' }],
  },
});
const { call, tokens } = service;

type Seg = { id: string; version: number; text: string; state: string };
const base = (slug: string) => `/api/statements/${slug}/translations/fr`;
const segmentsOf = async (slug: string) => (await call('reviewer', 'GET', base(slug))).body.segments as Seg[];

async function edit(who: string, slug: string, s: { id: string; version: number }, text: string) {
  const res = await call(who, 'PUT', `${base(slug)}/segments/${s.id}`, { text }, { 'if-match': String(s.version) });
  expect(res.status, res.text).toBe(200);
  return res.body as Seg;
}

/** A French translation of a statement, machine-drafted (pseudo), every segment still a draft. */
async function drafted(slug: string, markdown: string) {
  expect((await call('publisher', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown })).status).toBe(201);
  const job = await call('translator', 'POST', `/api/statements/${slug}/drafts`, { locales: ['fr'], provider: 'pseudo' });
  expect(job.status, job.text).toBe(202);
  for (let i = 0; i < 400 && (await call('translator', 'GET', `/api/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
  return segmentsOf(slug);
}

/** Every row of the tables a review writes, to show that a refused one wrote nothing. */
function reviewTables(): string {
  return tableRows(service.dbPath, ['reviews', 'segment_history', 'translation_segments', 'tm_entries']);
}

describe('a review names the versions it decides', () => {
  it('answers 412 naming a segment changed after the reviewer read it, 428 without versions, and records nothing', async () => {
    const slug = 'versions';
    for (const s of await drafted(slug, '# Title\n\nOne paragraph.\n\nAnother paragraph.\n')) await edit('translator', slug, s, `✎ ${s.text}`);
    expect((await call('translator', 'POST', `${base(slug)}/submit`)).status).toBe(200);

    // The reviewer reads; then the translator changes the first segment.
    const read = await call('reviewer', 'GET', base(slug));
    const seen = read.body.segments as Seg[];
    const etag = read.headers.get('etag')!;
    const versions = Object.fromEntries(seen.map((s) => [s.id, s.version]));
    const first = seen[0]!;
    await edit('translator', slug, first, 'Un titre que personne n’a relu');
    const before = reviewTables();

    const one = await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', segments: [first.id], versions: { [first.id]: first.version }, comment: 'ok' }, { 'accept-language': 'fr' });
    expect(one.status, one.text).toBe(412);
    expect(one.body.error).toMatchObject({ code: 'version_conflict', details: { segments: [{ segmentId: first.id, read: first.version, version: first.version + 1, text: 'Un titre que personne n’a relu' }] } });
    expect(one.body.error.message).toMatch(/version/);
    // The whole locale: by the versions of every segment, or by the translation's ETag.
    const all = await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', versions, comment: 'ok' });
    expect([all.status, all.body.error.details.segments.map((s: { segmentId: string }) => s.segmentId)]).toEqual([412, [first.id]]);
    const byEtag = await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', comment: 'ok' }, { 'if-match': etag });
    expect([byEtag.status, byEtag.body.error.code]).toEqual([412, 'version_conflict']);
    // Request changes on what was read is checked too when versions are given.
    expect((await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'request_changes', segments: [first.id], versions: { [first.id]: first.version }, comment: 'x' })).status).toBe(412);
    // An approval that names nothing is refused: it cannot say what the reviewer saw.
    const unnamed = await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', comment: 'ok' });
    expect([unnamed.status, unnamed.body.error.code]).toEqual([428, 'precondition_required']);
    const partly = await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', versions: { [seen[1]!.id]: seen[1]!.version }, comment: 'ok' });
    expect(partly.body.error).toMatchObject({ code: 'precondition_required', details: { segments: [first.id, seen[2]!.id] } });
    expect(reviewTables(), 'a refused review records nothing').toBe(before);

    // Read again: the approval of what is there now goes through, and covers that text.
    const approved = await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', comment: 'ok' }, await asRead(call, 'reviewer', base(slug)));
    expect(approved.status, approved.text).toBe(200);
    expect((await segmentsOf(slug)).map((s) => [s.state, s.text])[0]).toEqual(['approved', 'Un titre que personne n’a relu']);
  });
});

describe('the review page', () => {

  /** The fields of each decision form of a page, as a browser would send them. */
  function decisionForms(html: string): URLSearchParams[] {
    return [...html.matchAll(/<form method="post" action="[^"]*\/decision(?:\?[^"]*)?" class="decision-form">([\s\S]*?)<\/form>/g)].map(([, inner]) => {
      const fields = new URLSearchParams();
      for (const [, name, value] of inner!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.set(name!, value!);
      return fields;
    });
  }

  it('sends what the reviewer saw: approving a segment or the locale changed since shows the conflict and records nothing', async () => {
    const slug = 'page';
    for (const s of await drafted(slug, '# Title\n\nOne paragraph.\n')) await edit('translator', slug, s, `✎ ${s.text}`);
    const session = await signInToPages(service.url, tokens.reviewer!);
    const page = await (await fetch(`${service.url}/statements/${slug}/review/fr`, { headers: { cookie: `editions_session=${session}` } })).text();
    const forms = decisionForms(page);
    expect(forms).toHaveLength(3);
    // The translator changes the title after the reviewer opened the page.
    const title = (await segmentsOf(slug))[0]!;
    await edit('translator', slug, title, 'Un titre changé');
    const before = reviewTables();
    for (const fields of [forms[0]!, forms[2]!]) {
      fields.set('decision', 'approve');
      const res = await fetch(`${service.url}/statements/${slug}/review/fr/decision`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_session=${session}`, origin: service.url },
        body: fields,
      });
      // The page again, under the refusal's status (as the API answers it).
      expect(res.status).toBe(412);
      expect(await res.text()).toMatch(/role="alert" data-code="version_conflict"/);
    }
    expect(reviewTables()).toBe(before);
    expect((await segmentsOf(slug)).map((s) => s.state)).toEqual(['translated', 'translated']);
  });
});

describe('four-eyes by authorship', () => {
  it('refuses an approver who wrote the current text, even when someone else saved it since', async () => {
    const slug = 'authorship';
    const [title, para, other] = await drafted(slug, '# Title\n\nOne paragraph.\n\nAnother paragraph.\n');
    // Théo (translator and reviewer) writes the title; another translator saves the same text again.
    const mine = await edit('both', slug, title!, 'Titre de Théo');
    await edit('translator2', slug, mine, 'Titre de Théo');
    // Théo writes the paragraph; someone changes it, then changes it back to Théo's words.
    const p1 = await edit('both', slug, para!, 'Paragraphe de Théo.');
    const p2 = await edit('translator2', slug, p1, 'Autre chose.');
    await edit('translator2', slug, p2, 'Paragraphe de Théo.');
    await edit('translator2', slug, other!, 'Un autre paragraphe.');
    const now = await segmentsOf(slug);
    const before = reviewTables();

    for (const s of now.slice(0, 2)) {
      const res = await call('both', 'POST', `${base(slug)}/reviews`, { decision: 'approve', segments: [s.id], versions: { [s.id]: s.version }, comment: 'mine?' }, { 'accept-language': 'ar' });
      expect([res.status, res.body.error?.code], s.text).toEqual([403, 'four_eyes']);
      expect(res.body.error.message).toMatch(/[\u0600-\u06ff]/);
    }
    const whole = await call('both', 'POST', `${base(slug)}/reviews`, { decision: 'approve', comment: 'all' }, await asRead(call, 'both', base(slug)));
    expect(whole.body.error).toMatchObject({ code: 'four_eyes', details: { segments: [now[0]!.id, now[1]!.id] } });
    expect(reviewTables()).toBe(before);
    // Théo did not write the third paragraph: that one is his to approve; the rest is for someone else.
    const third = now[2]!;
    expect((await call('both', 'POST', `${base(slug)}/reviews`, { decision: 'approve', segments: [third.id], versions: { [third.id]: third.version } })).status).toBe(200);
    expect((await call('reviewer', 'POST', `${base(slug)}/reviews`, { decision: 'approve', comment: 'ok' }, await asRead(call, 'reviewer', base(slug)))).status).toBe(200);
  });

  it('follows the text across a source revision: the author of a stale text cannot approve it once another confirms it', async () => {
    const slug = 'revised';
    const [, para] = await drafted(slug, '# Title\n\nThe old paragraph.\n');
    const written = await edit('both', slug, para!, 'Le paragraphe de Théo.');
    const revised = await call('publisher', 'PUT', `/api/statements/${slug}/source`, '# Title\n\nThe new paragraph.\n', { 'if-match': '"1"' });
    expect(revised.status, revised.text).toBe(200);
    const stale = (await segmentsOf(slug))[1]!;
    expect([stale.state, stale.text, stale.id === written.id]).toEqual(['stale', 'Le paragraphe de Théo.', false]);
    // Another translator confirms the same text for the new source.
    const confirmed = await edit('translator2', slug, stale, 'Le paragraphe de Théo.');
    const res = await call('both', 'POST', `${base(slug)}/reviews`, { decision: 'approve', segments: [stale.id], versions: { [stale.id]: confirmed.version } });
    expect([res.status, res.body.error?.code]).toEqual([403, 'four_eyes']);
  });
});
