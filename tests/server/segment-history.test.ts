/**
 * A segment's history over HTTP, against the service on 127.0.0.1 with a real SQLite file: the
 * API route, the history on the translate and review pages (a closed <details>, no script
 * needed) and "Use this text", which takes a replaced text up again as one more version.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signInToPages } from '../support/page-session.ts';
import { useService } from '../support/use-service.ts';

const service = useService({ users: { publisher: [{ role: 'publisher', locale: '*' }], translator: [{ role: 'translator', locale: 'fr' }], reviewer: [{ role: 'reviewer', locale: 'fr' }] } });
const { call, tokens } = service;
const api = '/api/statements/story/translations/fr';
const sessions: Record<string, string> = {};
let segment = '';

const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const pageOf = async (who: string, path: string) => decode(await (await fetch(`${service.url}${path}`, { headers: { cookie: `editions_session=${sessions[who]}; lang=en` } })).text());
/** The <details> of a segment's history in a page. */
function historyIn(html: string, id: string): string {
  const start = html.indexOf(`<details class="segment-history" data-history="${id}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</details>', start) + '</details>'.length);
}

beforeAll(async () => {
  for (const who of ['translator', 'reviewer']) sessions[who] = await signInToPages(service.url, tokens[who]!);
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'story', sourceLocale: 'en', markdown: '# Title\n\nOne paragraph.\n' })).status).toBe(201);
  segment = ((await call('translator', 'GET', '/api/statements/story')).body.segments as { id: string }[])[1]!.id;
  expect((await call('translator', 'PUT', `${api}/segments/${segment}`, { text: 'Le premier texte.' }, { 'if-match': '1' })).status).toBe(200);
  expect((await call('reviewer', 'PUT', `${api}/segments/${segment}`, { text: 'Un texte qui le remplace.' }, { 'if-match': '2' })).status).toBe(200);
});

describe('segment history', () => {
  it('GET …/segments/{id}/history: every version newest first, with who and when', async () => {
    const res = await call('translator', 'GET', `${api}/segments/${segment}/history`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.versions.map((v: { version: number; event: string; state: string; text: string; by: { name: string } }) => [v.version, v.event, v.state, v.text, v.by.name])).toEqual([
      [3, 'edit', 'translated', 'Un texte qui le remplace.', 'reviewer'],
      [2, 'edit', 'translated', 'Le premier texte.', 'translator'],
    ]);
    expect(typeof res.body.versions[0].at).toBe('string');
    const unknown = await call('translator', 'GET', `${api}/segments/nope/history`, undefined, { 'accept-language': 'fr' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'segment_not_found']);
    const notStarted = await call('translator', 'GET', `/api/statements/story/translations/ar/segments/${segment}/history`);
    expect([notStarted.status, notStarted.body.error.code]).toEqual([404, 'translation_not_found']);
    expect((await call(null, 'GET', `${api}/segments/${segment}/history`)).status).toBe(401);
  });

  it('shows the replaced text on the review page, closed, without "Use this text"', async () => {
    const html = await pageOf('reviewer', '/statements/story/review/fr');
    const details = historyIn(html, segment);
    expect(details).toContain('History (2)');
    expect(details).toContain('Le premier texte.');
    expect(details).not.toMatch(/<details[^>]*\sopen/);
    expect(details).not.toContain('use-history');
  });

  it('offers a translator the replaced text on the translate page; "Use this text" saves it as a new version', async () => {
    const html = await pageOf('translator', '/statements/story/translate/fr');
    const details = historyIn(html, segment);
    expect(details).toContain('History (2)');
    expect(details).not.toMatch(/<details[^>]*\sopen/);
    // One offer: the replaced text (the current one is not offered), posting an ordinary save at the current version.
    const forms = [...details.matchAll(/<form method="post" action="([^"]+)" class="use-history">([\s\S]*?)<\/form>/g)];
    expect(forms).toHaveLength(1);
    const [, action, inner] = forms[0]!;
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(inner!)![1]!;
    expect([field('text'), field('version')]).toEqual(['Le premier texte.', '3']);
    const res = await fetch(`${service.url}${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `editions_session=${sessions.translator}`, origin: service.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: field('_csrf'), text: field('text'), version: field('version') }),
    });
    expect(res.status, await res.text()).toBe(303);
    const now = (await call('translator', 'GET', api)).body.segments.find((s: { id: string }) => s.id === segment);
    expect([now.text, now.version]).toEqual(['Le premier texte.', 4]);
    const history = (await call('reviewer', 'GET', `${api}/segments/${segment}/history`)).body.versions as { version: number; text: string; by: { name: string } }[];
    expect(history.map((v) => [v.version, v.text, v.by.name])).toEqual([
      [4, 'Le premier texte.', 'translator'],
      [3, 'Un texte qui le remplace.', 'reviewer'],
      [2, 'Le premier texte.', 'translator'],
    ]);
    // The page now lists three versions, and offers the text it replaced.
    const after = historyIn(await pageOf('translator', '/statements/story/translate/fr'), segment);
    expect(after).toContain('History (3)');
    expect(after).toContain('name="text" value="Un texte qui le remplace."');
  });
});
