/**
 * One rule for a broken placeholder on every path that stores a person's text, over HTTP
 * against the service on 127.0.0.1 with a real SQLite file: a segment PUT over the API, a save
 * from the translate page (pages.js's JSON and a plain form post), a Markdown upload and an
 * XLIFF 2.0 upload are all refused with `422 placeholders_broken`, naming the segment and the
 * placeholder; an upload is refused whole, naming every refused segment, and nothing is stored.
 * The page's save reads its If-Match as the API does.
 */
import js2xliff from 'xliff/js2xliff';
import { describe, expect, it } from 'vitest';
import { signInToPages } from '../support/page-session.ts';
import { tableRows } from '../support/table-rows.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }],
  },
});
const { call, tokens } = service;

type Seg = { id: string; version: number; text: string; state: string };

// Segment 2 has two placeholders: 1 (the emphasis) and 2 (the link).
const source = '# Wells\n\nWe dug **12 wells** in [March](https://example.org/march).\n\nA plain line.\n';
const translated = '# Puits\n\nNous avons creusé **12 puits** en [mars](https://example.org/march).\n\nUne ligne.\n';
const keptText = 'Nous avons creusé <g id="1">12 puits</g> en <g id="2">mars</g>.';
const base = (slug: string) => `/api/statements/${slug}/translations/fr`;

/** A statement with a French translation uploaded whole (every placeholder kept); its segments. */
async function translatedStatement(slug: string): Promise<Seg[]> {
  expect((await call('publisher', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: source })).status).toBe(201);
  const upload = await call('translator', 'PUT', base(slug), translated, { 'content-type': 'text/markdown' });
  expect(upload.status, upload.text).toBe(200);
  const segments = (await call('translator', 'GET', base(slug))).body.segments as Seg[];
  expect(segments.map((s) => s.text)).toEqual(['Puits', keptText, 'Une ligne.']);
  return segments;
}

/** Every row of the tables a save writes, to show that a refused one wrote nothing. */
function savedRows(): string {
  return tableRows(service.dbPath, ['translations', 'translation_segments', 'segment_history']);
}

describe('a segment PUT over the API', () => {
  it('refuses a text that drops a placeholder with 422 placeholders_broken naming the segment and placeholder, and stores nothing', async () => {
    const [, linked] = await translatedStatement('api-put');
    const before = savedRows();
    const res = await call('translator', 'PUT', `${base('api-put')}/segments/${linked!.id}`, { text: 'Nous avons creusé <g id="1">12 puits</g> en mars.' }, { 'if-match': String(linked!.version), 'accept-language': 'fr' });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'placeholders_broken',
      details: { segmentId: linked!.id, placeholder: '2', count: 1, segments: [linked!.id], findings: [{ rule: 'placeholders', segmentId: linked!.id, key: 'placeholders.missing', args: { placeholderId: 2 } }] },
    });
    expect(res.body.error.message).toBe(`Segment ${linked!.id} : les balises de la source ne sont pas toutes gardées, une fois chacune et bien imbriquées (balise 2).`);
    expect(savedRows()).toBe(before);

    // Unclosed, and a placeholder the source does not have: refused too; a text that keeps them saves.
    for (const text of ['Nous avons creusé <g id="1">12 puits en <g id="2">mars</g>.', `${keptText} <x id="9"/>`]) {
      expect((await call('translator', 'PUT', `${base('api-put')}/segments/${linked!.id}`, { text }, { 'if-match': String(linked!.version) })).body.error?.code, text).toBe('placeholders_broken');
    }
    expect(savedRows()).toBe(before);
    const saved = await call('translator', 'PUT', `${base('api-put')}/segments/${linked!.id}`, { text: keptText.replace('mars', 'mars 2026') }, { 'if-match': String(linked!.version) });
    expect(saved.status, saved.text).toBe(200);
  });
});

describe('a save from the translate page', () => {
  it('refuses a broken placeholder, JSON (pages.js) or form post, with the operation’s error, and stores nothing', async () => {
    const [, linked] = await translatedStatement('page-save');
    const session = await signInToPages(service.url, tokens.translator!);
    const cookie = `editions_session=${session}`;
    const pagePath = '/statements/page-save/translate/fr';
    const page = await fetch(`${service.url}${pagePath}`, { headers: { cookie, 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const before = savedRows();
    const broken = 'Nous avons creusé 12 puits en <g id="2">mars</g>.';
    const message = `Segment ${linked!.id}: the placeholders of the source are not all kept, once each and properly nested (placeholder 1).`;

    // As pages.js saves: JSON, If-Match, X-CSRF-Token.
    const json = await fetch(`${service.url}${pagePath}/segments/${linked!.id}`, {
      method: 'POST',
      headers: { cookie, origin: service.url, 'accept-language': 'en', accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf, 'if-match': `"${linked!.version}"` },
      body: JSON.stringify({ text: broken }),
    });
    expect(await json.json()).toEqual({ ok: false, status: 422, code: 'placeholders_broken', message, items: ['Placeholder 1 of the source is missing from the translation.'] });
    expect(savedRows()).toBe(before);

    // A plain form post (no script): the page again, with the refusal and what is wrong.
    const form = await fetch(`${service.url}${pagePath}/segments/${linked!.id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: service.url, 'accept-language': 'en', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, version: String(linked!.version), text: broken }),
    });
    const html = await form.text();
    expect(html).toContain(message);
    expect(html).toContain('Placeholder 1 of the source is missing from the translation.');
    expect(savedRows()).toBe(before);
  });

  it('reads the version from If-Match as the API does: none is 400 validation_failed in the user’s language, W/"n" is a version', async () => {
    const [, linked] = await translatedStatement('page-if-match');
    const session = await signInToPages(service.url, tokens.translator!);
    const cookie = `editions_session=${session}`;
    const pagePath = '/statements/page-if-match/translate/fr';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${service.url}${pagePath}`, { headers: { cookie } })).text())![1]!;
    const save = (ifMatch: Record<string, string>) =>
      fetch(`${service.url}${pagePath}/segments/${linked!.id}`, {
        method: 'POST',
        headers: { cookie, origin: service.url, 'accept-language': 'fr', accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf, ...ifMatch },
        body: JSON.stringify({ text: keptText.replace('mars', 'avril') }),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const before = savedRows();
    expect(await save({})).toMatchObject({ ok: false, status: 400, code: 'validation_failed', message: 'Champ If-Match : un numéro de version est requis : la version du texte que vous avez lu' });
    expect(await save({ 'if-match': 'yesterday' })).toMatchObject({ ok: false, status: 400, code: 'validation_failed' });
    expect(savedRows()).toBe(before);
    expect(await save({ 'if-match': `W/"${linked!.version}"` })).toMatchObject({ ok: true, state: 'translated' });
  });
});

describe('a whole translation uploaded', () => {
  it('Markdown: refused whole, every broken segment named, nothing stored', async () => {
    const segments = await translatedStatement('markdown-upload');
    const before = savedRows();
    // The title gains an emphasis the source has not; the paragraph loses its link; the last line is fine.
    const res = await call('translator', 'PUT', base('markdown-upload'), '# *Puits*\n\nNous avons creusé **12 puits** en mars.\n\nUne autre ligne.\n', { 'content-type': 'text/markdown' });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'placeholders_broken', details: { segmentId: segments[0]!.id, count: 2, segments: [segments[0]!.id, segments[1]!.id] } });
    expect(res.body.error.details.findings).toContainEqual({ rule: 'placeholders', segmentId: segments[1]!.id, key: 'placeholders.missing', args: { placeholderId: 2 } });
    expect(res.body.error.message).toContain(`Segment ${segments[0]!.id}:`);
    expect(savedRows()).toBe(before);
  });

  it('XLIFF 2.0: refused whole, every broken unit named, nothing stored', async () => {
    const segments = await translatedStatement('xliff-upload');
    const before = savedRows();
    const [title, linked, plain] = segments.map((s) => s.id);
    const xml = await js2xliff(
      {
        sourceLanguage: 'en',
        targetLanguage: 'fr',
        resources: {
          'xliff-upload': {
            // A standalone code the source segment does not have.
            [title!]: { source: 'Wells', target: ['Puits ', { Standalone: { id: '5' } }] },
            // The link's code (2) dropped.
            [linked!]: { source: 'x', target: ['Nous avons creusé ', { GenericSpan: { id: '1', contents: ['12 puits'] } }, ' en mars.'] },
            [plain!]: { source: 'A plain line.', target: 'Une autre ligne.' },
          },
        },
      },
      { indent: false },
    );
    const res = await call('translator', 'PUT', base('xliff-upload'), xml, { 'content-type': 'application/xliff+xml' });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'placeholders_broken', details: { segmentId: title, placeholder: '5', count: 2, segments: [title, linked] } });
    expect(res.body.error.details.findings).toEqual([
      { rule: 'placeholders', segmentId: title, key: 'placeholders.unknown', args: { placeholderId: 5 } },
      { rule: 'placeholders', segmentId: linked, key: 'placeholders.missing', args: { placeholderId: 2 } },
    ]);
    expect(savedRows()).toBe(before);
  });
});
