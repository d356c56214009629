/**
 * The review page's "you wrote this" hint follows the four-eyes rule an approval applies
 * (authorship: anyone whose edit produced the current text, src/workflow/four-eyes.ts), not
 * who saved last: a reviewer who wrote a segment that someone else saved again since still
 * sees the hint there, and is refused (403 four_eyes) when approving it; a segment whose text
 * someone else replaced carries no hint. Over HTTP against the service on 127.0.0.1 with a
 * real SQLite file, signed in to the pages as a browser would.
 */
import { describe, expect, it } from 'vitest';
import { signInToPages } from '../support/page-session.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    // Writes and reviews French.
    writer: [{ role: 'translator', locale: 'fr' }, { role: 'reviewer', locale: 'fr' }],
    translator: [{ role: 'translator', locale: 'fr' }],
  },
});
const { call, tokens } = service;
const slug = 'own-text';
const base = `/api/statements/${slug}/translations/fr`;

type Seg = { id: string; version: number; text: string; lastEditor: string | null };

/** Each segment's section of the review page, by segment id. */
function sections(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of html.split('<section class="segment review-segment" id="seg-').slice(1)) out.set(part.slice(0, part.indexOf('"')), part.slice(0, part.indexOf('</section>')));
  return out;
}

describe('the review page', () => {
  it('tells a reviewer which texts they wrote by authorship, even when someone else saved last, as the approval judges them', async () => {
    expect((await call('publisher', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: '# Wells\n\nWe dug wells.\n' })).status).toBe(201);
    // The reviewer writes both segments.
    expect((await call('writer', 'PUT', base, '# Puits\n\nNous avons creusé des puits.\n', { 'content-type': 'text/markdown' })).status).toBe(200);
    const [heading, paragraph] = (await call('writer', 'GET', base)).body.segments as Seg[];
    // Another translator saves the heading again as it is (it stays the reviewer's text) and replaces the paragraph.
    expect((await call('translator', 'PUT', `${base}/segments/${heading!.id}`, { text: 'Puits' }, { 'if-match': String(heading!.version) })).status).toBe(200);
    expect((await call('translator', 'PUT', `${base}/segments/${paragraph!.id}`, { text: 'Nous avons foré des puits.' }, { 'if-match': String(paragraph!.version) })).status).toBe(200);
    const now = (await call('writer', 'GET', base)).body.segments as Seg[];
    // The other translator saved both last.
    const translatorId = now[0]!.lastEditor;
    expect(translatorId).not.toBeNull();
    expect(now.map((s) => s.lastEditor)).toEqual([translatorId, translatorId]);

    const session = await signInToPages(service.url, tokens.writer!);
    const page = await fetch(`${service.url}/statements/${slug}/review/fr`, { headers: { cookie: `editions_session=${session}` } });
    expect(page.status).toBe(200);
    const bySegment = sections(await page.text());
    expect([...bySegment.keys()]).toEqual([heading!.id, paragraph!.id]);
    // The heading is still the reviewer's text: the hint; the paragraph is someone else's now: none.
    expect(bySegment.get(heading!.id)).toContain('class="own-text"');
    expect(bySegment.get(paragraph!.id)).not.toContain('class="own-text"');

    // The approval judges them the same way.
    const versions = Object.fromEntries(now.map((s) => [s.id, s.version]));
    const refused = await call('writer', 'POST', `${base}/reviews`, { decision: 'approve', segments: [heading!.id], versions: { [heading!.id]: versions[heading!.id] } });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'four_eyes', details: { segments: [heading!.id] } });
    const approved = await call('writer', 'POST', `${base}/reviews`, { decision: 'approve', segments: [paragraph!.id], versions: { [paragraph!.id]: versions[paragraph!.id] } });
    expect(approved.status, approved.text).toBe(200);
  });

  it('an edit of white space only does not take a text over: the approval is still refused (four_eyes)', async () => {
    const ws = 'white-space';
    const at = `/api/statements/${ws}/translations/fr`;
    expect((await call('publisher', 'POST', '/api/statements', { slug: ws, sourceLocale: 'en', markdown: '# Wells\n\nWe dug wells.\n' })).status).toBe(201);
    expect((await call('writer', 'PUT', at, '# Puits\n\nNous avons creusé des puits.\n', { 'content-type': 'text/markdown' })).status).toBe(200);
    const written = (await call('writer', 'GET', at)).body.segments as Seg[];
    const approveAll = (segments: Seg[]) => call('writer', 'POST', `${at}/reviews`, { decision: 'approve', versions: Object.fromEntries(segments.map((s) => [s.id, s.version])) });
    const before = await approveAll(written);
    expect(before.status, before.text).toBe(403);
    expect(before.body.error.code).toBe('four_eyes');
    // Another translator adds a trailing space to one, and turns a space into two plus a line break in the other.
    const edits = [`${written[0]!.text} `, written[1]!.text.replace('avons ', 'avons  \n')];
    for (const [i, s] of written.entries()) {
      const r = await call('translator', 'PUT', `${at}/segments/${s.id}`, { text: edits[i] }, { 'if-match': String(s.version) });
      expect(r.status, r.text).toBe(200);
    }
    const now = (await call('writer', 'GET', at)).body.segments as Seg[];
    expect(now.map((s) => s.text)).toEqual(edits);
    const after = await approveAll(now);
    expect(after.status, after.text).toBe(403);
    expect(after.body.error).toMatchObject({ code: 'four_eyes' });
    // A no-break space where a space was is a change of the text as published: the translator's.
    const nbsp = await call('translator', 'PUT', `${at}/segments/${now[0]!.id}`, { text: 'Puits\u00a0!' }, { 'if-match': String(now[0]!.version) });
    expect(nbsp.status, nbsp.text).toBe(200);
    const single = await call('writer', 'POST', `${at}/reviews`, { decision: 'approve', segments: [now[0]!.id], versions: { [now[0]!.id]: nbsp.body.version } });
    expect(single.status, single.text).toBe(200);
  });
});
