/**
 * The upload page of a locale (/statements/{slug}/translate/{locale}/upload), over HTTP on both
 * databases: a Markdown or XLIFF file posted from the page is imported by the operation, and
 * every segment not taken is listed with its reason in the page's language.
 */
import { describe, expect, it } from 'vitest';
import { signInToPages } from '../support/page-session.ts';
import { postgresAvailable } from '../support/postgres.ts';
import { useService } from '../support/use-service.ts';

const markdown = '# Wells\n\nA plain line.\n\nAnother line.\n';

describe.each([{ name: 'sqlite' as const }, ...(postgresAvailable ? [{ name: 'postgres' as const }] : [])])('the upload page ($name)', ({ name }) => {
  const service = useService({
    dialect: name,
    users: {
      publisher: [{ role: 'publisher', locale: '*' }],
      translator: [{ role: 'translator', locale: 'fr' }],
      reviewer: [{ role: 'reviewer', locale: 'fr' }],
    },
  });
  const { call, tokens } = service;

  /** The page's answer to an uploaded file, in `lang`, entities decoded. */
  async function upload(slug: string, fileName: string, text: string, lang: string): Promise<{ status: number; html: string }> {
    const session = await signInToPages(service.url, tokens.translator!);
    const form = await (await fetch(`${service.url}/statements/${slug}/translate/fr/upload`, { headers: { cookie: `editions_session=${session}; lang=${lang}` } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    const body = new FormData();
    body.set('_csrf', csrf);
    body.set('file', new Blob([text]), fileName);
    const res = await fetch(`${service.url}/statements/${slug}/translate/fr/upload`, { method: 'POST', redirect: 'manual', headers: { cookie: `editions_session=${session}; lang=${lang}`, origin: service.url }, body });
    const html = (await res.text()).replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return { status: res.status, html };
  }

  /** A statement whose first line the translator translated, then downloaded, then the reviewer changed on the web. */
  async function downloadedThenChanged(slug: string, format: 'md' | 'xlf') {
    expect((await call('publisher', 'POST', `/api/statements?slug=${slug}&sourceLocale=en`, markdown, { 'content-type': 'text/markdown' })).status).toBe(201);
    const base = `/api/statements/${slug}/translations/fr`;
    const first = await call('translator', 'PUT', base, '# Wells\n\nUne ligne.\n\nAnother line.\n', { 'content-type': 'text/markdown' });
    expect(first.status, first.text).toBe(200);
    const file = (await call('translator', 'GET', `${base}.${format}`)).text;
    const segs = (await call('translator', 'GET', base)).body.segments as { id: string; version: number }[];
    expect((await call('reviewer', 'PUT', `${base}/segments/${segs[1]!.id}`, { text: 'Une ligne simple.' }, { 'if-match': String(segs[1]!.version) })).status).toBe(200);
    return { file, segs };
  }

  it('lists a Markdown upload’s segments not taken, with their reasons, in French', async () => {
    const { file, segs } = await downloadedThenChanged('upload-md', 'md');
    const { status, html } = await upload('upload-md', 'wells.fr.md', file.replace('# Wells', '# Puits'), 'fr');
    expect(status, html).toBe(200);
    expect(html).toContain('Téléversé : 1 mis à jour, 0 inchangés, 2 non retenus.');
    expect(html).toContain(`<li data-segment="${segs[1]!.id}" data-reason="outdated">`);
    expect(html).toContain('Segment 2</a> <bdi class="source">A plain line.</bdi>: <span class="reason">votre fichier contient un texte antérieur de ce segment, pas le texte actuel</span>');
    expect(html).toContain(`<li data-segment="${segs[2]!.id}" data-reason="source_text">`);
    const after = (await call('translator', 'GET', `/api/statements/upload-md/translations/fr`)).body.segments as { text: string | null }[];
    expect(after.map((s) => s.text)).toEqual(['Puits', 'Une ligne simple.', null]);
  });

  it('lists an XLIFF unit refused as changed since the export, in Arabic', async () => {
    const { file, segs } = await downloadedThenChanged('upload-xlf', 'xlf');
    const { status, html } = await upload('upload-xlf', 'wells.fr.xlf', file.replace('>Une ligne.</target>', '>Une ligne !</target>'), 'ar');
    expect(status, html).toBe(200);
    expect(html).toContain(`<li data-segment="${segs[1]!.id}" data-reason="changed_since_export">`);
    expect(html).toContain('عُدّل في Editions بعد تنزيل ملفك');
    expect((await call('translator', 'GET', `/api/statements/upload-xlf/translations/fr`)).body.segments[1].text).toBe('Une ligne simple.');
  });
});
