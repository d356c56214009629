/**
 * A translator who works in a text editor, over HTTP against the service on 127.0.0.1 with a
 * real SQLite file: `GET …/translations/{locale}.md` gives the translation as Markdown now (the
 * source's text where a segment has none, counted in `X-Editions-Untranslated`), edited with
 * string replacements and uploaded back keeps the structure; what the upload changed outside its
 * texts (a link's or image's URL, a code block, front matter keys that are not translated) is
 * named in the answer (`notTaken`); a locale nobody started is exported as Markdown and as XLIFF
 * without being started.
 */
import { describe, expect, it } from 'vitest';
import { tableRows } from '../support/table-rows.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }],
    translatorAr: [{ role: 'translator', locale: 'ar' }],
  },
});
const { call } = service;

const source = `---
title: Wells for the valley
author: Desk
lang: en
---

# Wells

We dug **12 wells** in [March](https://example.org/march).

![A new well](https://example.org/well.jpg)

\`\`\`sh
echo keep
\`\`\`

- First item with \`code\`.
- Second item.
`;
/** What the translator types over the source's texts, in a text editor. */
const french: [string, string][] = [
  ['title: Wells for the valley', 'title: Des puits pour la vallée'],
  ['# Wells', '# Puits'],
  ['We dug **12 wells** in [March]', 'Nous avons creusé **12 puits** en [mars]'],
  ['![A new well]', '![Un nouveau puits]'],
  ['First item with `code`.', 'Premier point avec `code`.'],
  ['Second item.', 'Deuxième point.'],
];
const edit = (text: string, replacements: readonly [string, string][]) => replacements.reduce((t, [a, b]) => (t.includes(a) ? t.replace(a, b) : expect.fail(`no ${a} in ${t}`)), text);
const base = (slug: string, locale = 'fr') => `/api/statements/${slug}/translations/${locale}`;
const rows = () => tableRows(service.dbPath, ['translations', 'translation_segments', 'segment_history']);

type Seg = { id: string; version: number; text: string | null; state: string; source: string };

async function statement(slug: string) {
  const res = await call('publisher', 'POST', '/api/statements', { slug, sourceLocale: 'en', markdown: source });
  expect(res.status, res.text).toBe(201);
  return (res.body.segments as unknown[]).length;
}

describe('GET …/translations/{locale}.md', () => {
  it('gives the translation as Markdown now, the source’s text where there is none, counted; edited in a text editor it uploads back with its structure', async () => {
    const total = await statement('md-round-trip');
    // One segment translated first, in a CAT tool (the XLIFF of the locale not started yet).
    const xlf = (await call('translator', 'GET', `${base('md-round-trip')}.xlf`)).text;
    const heading = xlf.replace('<source>Wells</source>', '<source>Wells</source><target>Puits</target>');
    expect(heading).not.toBe(xlf);
    expect((await call('translator', 'PUT', base('md-round-trip'), heading, { 'content-type': 'application/xliff+xml' })).body.updated).toBe(1);

    const down = await call('translatorAr', 'GET', `${base('md-round-trip')}.md`);
    expect(down.status, down.text).toBe(200);
    expect(down.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(down.headers.get('content-disposition')).toBe('attachment; filename="md-round-trip.fr.md"');
    expect(down.text).toBe(source.replace('# Wells', '# Puits'));
    expect(down.headers.get('x-editions-segments')).toBe(String(total));
    expect(down.headers.get('x-editions-untranslated')).toBe(String(total - 1));
    expect(down.headers.get('link')).toBe('</api/statements/md-round-trip/translations/fr>; rel="describedby"; type="application/json"');

    // The rest translated in a text editor, uploaded back: every text taken, nothing left out.
    const edited = edit(down.text, french.filter(([a]) => a !== '# Wells'));
    const up = await call('translator', 'PUT', base('md-round-trip'), edited, { 'content-type': 'text/markdown' });
    expect(up.status, up.text).toBe(200);
    expect(up.body).toMatchObject({ updated: total - 1, unchanged: 1, notTaken: [] });
    const segments = (await call('translator', 'GET', base('md-round-trip'))).body.segments as Seg[];
    expect(segments.map((s) => [s.state, s.text])).toEqual([
      ['translated', 'Des puits pour la vallée'],
      ['translated', 'Puits'],
      ['translated', 'Nous avons creusé <g id="1">12 puits</g> en <g id="2">mars</g>.'],
      ['translated', 'Un nouveau puits'],
      ['translated', 'Premier point avec <x id="1"/>.'],
      ['translated', 'Deuxième point.'],
    ]);
    // Down again: the same document, nothing left in the source's text.
    const again = await call('translator', 'GET', `${base('md-round-trip')}.md`);
    expect(again.text).toBe(edited);
    expect(again.headers.get('x-editions-untranslated')).toBe('0');
  });

  it('names what an upload changed outside its texts (a URL, an image, code, front matter keys) instead of dropping it with a bare 200', async () => {
    await statement('md-not-taken');
    const down = (await call('translator', 'GET', `${base('md-not-taken')}.md`)).text;
    const edited = edit(down, [
      ...french,
      ['(https://example.org/march)', '(https://example.fr/mars)'],
      ['(https://example.org/well.jpg)', '(https://example.fr/puits.jpg)'],
      ['author: Desk', 'author: Rédaction\ntags: eau'],
      ['echo keep', 'echo garde'],
    ]);
    const up = await call('translator', 'PUT', base('md-not-taken'), edited, { 'content-type': 'text/markdown' });
    expect(up.status, up.text).toBe(200);
    const segments = (await call('translator', 'GET', base('md-not-taken'))).body.segments as Seg[];
    const paragraph = segments.find((s) => s.source.startsWith('We dug'))!.id;
    expect(up.body.updated).toBe(segments.length);
    expect(up.body.notTaken).toEqual([
      { path: '/0#yaml:author', what: 'frontMatter', kept: 'Desk', found: 'Rédaction' },
      { path: '/0#yaml:tags', what: 'frontMatter', kept: null, found: 'eau' },
      { path: '/2', segmentId: paragraph, what: 'url', kept: 'https://example.org/march', found: 'https://example.fr/mars' },
      { path: '/3', what: 'url', kept: 'https://example.org/well.jpg', found: 'https://example.fr/puits.jpg' },
      { path: '/4', what: 'code', kept: '```sh\necho keep\n```', found: '```sh\necho garde\n```' },
    ]);
    // The texts are stored; what was not taken is the source's still.
    const after = (await call('translator', 'GET', `${base('md-not-taken')}.md`)).text;
    expect(after).toBe(edit(source, french));
  });

  it('refuses an upload by a translator of another locale (403) and changes nothing', async () => {
    await statement('md-roles');
    const down = (await call('translatorAr', 'GET', `${base('md-roles')}.md`)).text;
    const before = rows();
    const up = await call('translatorAr', 'PUT', base('md-roles'), edit(down, french), { 'content-type': 'text/markdown' });
    expect(up.status, up.text).toBe(403);
    expect(up.body.error.code).toBe('forbidden');
    expect(rows()).toBe(before);
    expect((await call(null, 'GET', `${base('md-roles')}.md`)).status).toBe(401);
  });
});

describe('a locale nobody has started', () => {
  it('is exported as Markdown (the source, every segment untranslated) and as XLIFF 2.0 (no targets), and stays not started', async () => {
    const total = await statement('not-started');
    const before = rows();
    const md = await call('translator', 'GET', `${base('not-started')}.md`);
    expect(md.status, md.text).toBe(200);
    expect(md.text).toBe(source);
    expect(md.headers.get('x-editions-untranslated')).toBe(String(total));

    const xlf = await call('translator', 'GET', `${base('not-started')}.xlf`);
    expect(xlf.status, xlf.text).toBe(200);
    expect(xlf.headers.get('content-type')).toBe('application/xliff+xml; charset=utf-8');
    expect(xlf.text).toContain('trgLang="fr"');
    expect(xlf.text.match(/<unit /g)).toHaveLength(total);
    expect(xlf.text).not.toContain('<target');
    expect(xlf.text).toContain('state: untranslated');
    // A download changed nothing: the locale is still not started.
    expect(rows()).toBe(before);
    expect((await call('translator', 'GET', base('not-started'))).body.error.code).toBe('translation_not_found');

    // A CAT tool starts there: the XLIFF filled in and sent back starts the locale.
    const filled = xlf.text.replace(/<source>([\s\S]*?)<\/source>/g, (whole, inner: string) => `${whole}<target>fr ${inner}</target>`);
    const back = await call('translator', 'PUT', base('not-started'), filled, { 'content-type': 'application/xliff+xml' });
    expect(back.status, back.text).toBe(200);
    expect(back.body.updated).toBe(total);
  });

  it('still refuses the source locale and a bad tag, in both formats', async () => {
    await statement('not-started-bad');
    for (const ext of ['md', 'xlf']) {
      const src = await call('translator', 'GET', `${base('not-started-bad', 'en')}.${ext}`);
      expect([src.status, src.body.error?.code], ext).toEqual([422, 'locale_is_source']);
      const bad = await call('translator', 'GET', `${base('not-started-bad', 'not_a%20tag')}.${ext}`);
      expect([bad.status, bad.body.error?.code], ext).toEqual([400, 'locale_invalid']);
    }
  });
});
