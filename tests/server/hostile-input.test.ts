/**
 * Hostile input over a real server on 127.0.0.1 and a real SQLite file: bodies that are not
 * UTF-8 (JSON, Markdown, XLIFF, a form) are refused with 400 input_not_utf8 and change
 * nothing; odd locale parts of /published and /feeds paths are a 4xx, never a 500; lists and
 * maps are bounded (validation_failed at the bound + 1, accepted at the bound); a link
 * target whose scheme a published page drops (javascript:, data:) is refused; validation
 * messages say which field, what was expected and what came, in en, fr and ar.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { linkTargetBounds } from '../../src/operations/link-targets.ts';
import { userBounds } from '../../src/operations/users.ts';
import { bounds } from '../../server/schemas.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }],
    reviewer: [{ role: 'reviewer', locale: 'fr' }],
  },
});
const { call, tokens } = service;

/** A request with a body of raw bytes. */
async function raw(who: string, method: string, path: string, bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who] ?? who}`, 'content-type': contentType, ...headers },
    body: bytes,
  });
  const text = await res.text();
  let body: Record<string, any> = {};
  try {
    body = JSON.parse(text) as Record<string, any>;
  } catch {
    // a page
  }
  return { status: res.status, body, text };
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const latin1E = [0xe9]; // "é" in Latin-1: not UTF-8
const source = '# Seed bank opens\n\nThe seed bank opens on 3 June.\n\nRead [the plan](https://example.org/plan).\n';

beforeAll(async () => {
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'seeds', sourceLocale: 'en', markdown: source })).status).toBe(201);
  const job = (await call('translator', 'POST', '/api/statements/seeds/drafts', { locales: ['fr'], provider: 'pseudo' })).body;
  for (let i = 0; i < 400 && (await call('translator', 'GET', `/api/jobs/${job.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
  expect((await call('publisher', 'POST', '/api/statements/seeds/editions', { locales: ['en'] })).status).toBe(201);
}, 60_000);

describe('bodies that are not UTF-8', () => {
  const statements = async () => (await call('publisher', 'GET', '/api/statements')).body.total as number;

  it('refuses a JSON body with 400 input_not_utf8 and stores nothing', async () => {
    const before = await statements();
    const answer = await raw('publisher', 'POST', '/api/statements', bytes('{"slug":"cafe","sourceLocale":"en","markdown":"# Caf', latin1E, '\\n"}'), 'application/json');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'input_not_utf8', details: { path: 'body' } });
    expect((await call('publisher', 'GET', '/api/statements/cafe')).status).toBe(404);
    expect(await statements()).toBe(before);
  });

  it('refuses a Markdown body (new statement, new source revision) and stores nothing', async () => {
    const answer = await raw('publisher', 'POST', '/api/statements?slug=cafe&sourceLocale=en', bytes('# Caf', latin1E, '\n'), 'text/markdown; charset=utf-8', { 'accept-language': 'fr' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('input_not_utf8');
    expect(answer.body.error.message).toBe('body n’est pas un texte UTF-8 valide.');
    expect((await call('publisher', 'GET', '/api/statements/cafe')).status).toBe(404);
    const revised = await raw('publisher', 'PUT', '/api/statements/seeds/source', bytes('# Seed bank ', latin1E, '\n'), 'text/markdown', { 'if-match': '"1"' });
    expect(revised.body.error?.code).toBe('input_not_utf8');
    expect((await call('publisher', 'GET', '/api/statements/seeds')).body.revision).toBe(1);
  });

  it('refuses a translation in Markdown or XLIFF and changes no segment', async () => {
    const before = (await call('translator', 'GET', '/api/statements/seeds/translations/fr')).body.segments;
    const markdown = await raw('translator', 'PUT', '/api/statements/seeds/translations/fr', bytes('# Banque de graines ouverte ', latin1E, '\n'), 'text/markdown');
    expect(markdown.status).toBe(400);
    expect(markdown.body.error.code).toBe('input_not_utf8');
    const xliff = (await call('translator', 'GET', '/api/statements/seeds/translations/fr.xlf')).text;
    const target = /<target>([^<]*)<\/target>/.exec(xliff)!;
    const broken = bytes(xliff.slice(0, target.index), '<target>Banque ', latin1E, '</target>', xliff.slice(target.index + target[0].length));
    const answer = await raw('translator', 'PUT', '/api/statements/seeds/translations/fr', broken, 'application/xliff+xml');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('input_not_utf8');
    expect((await call('translator', 'GET', '/api/statements/seeds/translations/fr')).body.segments).toEqual(before);
  });

  it('refuses a form post whose bytes or percent-escapes are not UTF-8', async () => {
    for (const body of [bytes('token=caf', latin1E), bytes('token=caf%E9'), bytes('token=%FF%FE')]) {
      const res = await fetch(`${service.url}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
      expect(res.status, body.toString('latin1')).toBe(400);
      expect(await res.text()).toMatch(/UTF-8/);
    }
  });

  it('still accepts UTF-8, a literal U+FFFD included', async () => {
    const created = await raw('publisher', 'POST', '/api/statements', bytes(JSON.stringify({ slug: 'cafe-ok', sourceLocale: 'fr', markdown: '# Café \uFFFD\n' })), 'application/json');
    expect(created.status).toBe(201);
    expect(created.body.markdown).toBe('# Café \uFFFD\n');
    expect((await raw('publisher', 'POST', '/api/statements?slug=cafe-md&sourceLocale=fr', bytes('# Café\n'), 'text/markdown')).status).toBe(201);
  });
});

describe('odd locale parts of public paths', () => {
  const odd = ['fr%0A', 'en%0A', 'en%0A.html', 'fr%00', '%00.md', '%FF', '%FF.json', 'e%CC%81n', 'x'.repeat(5000), `en-x-${'abcdefgh-'.repeat(300)}a`];
  const label = (file: string) => (file.length > 40 ? `${file.slice(0, 12)}… (${file.length} characters)` : file);

  it.each(odd.map((file) => ({ file, name: label(file) })))('/published/seeds/$name is a 4xx, never a 500', async ({ file }) => {
    const res = await fetch(`${service.url}/published/seeds/${file}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { code: string } };
    // A NUL character (`%00`) anywhere in a path is refused before any route (validation_failed).
    expect(['locale_invalid', 'edition_not_found', 'not_found', ...(file.includes('%00') ? ['validation_failed'] : [])]).toContain(body.error.code);
  });

  it('refuses a newline after the language with 400 locale_invalid, and still serves the edition', async () => {
    expect(((await (await fetch(`${service.url}/published/seeds/fr%0A`)).json()) as { error: { code: string } }).error.code).toBe('locale_invalid');
    expect((await fetch(`${service.url}/published/seeds/en`)).status).toBe(200);
  });

  it.each(['fr%0A.rss', '%00.atom', '%FF.rss', 'fr%0A%0A.atom', `${'x'.repeat(5000)}.rss`].map((file) => ({ file, name: label(file) })))('/feeds/$name is a 4xx', async ({ file }) => {
    const res = await fetch(`${service.url}/feeds/${file}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('bounded input', () => {
  const targets = (n: number, url = (i: number) => `https://example.org/fr/${i}`) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`https://example.org/${i}`, url(i)]));

  it(`link targets: ${linkTargetBounds.entries} entries are kept, one more is refused, 10,000 too (not a 500)`, async () => {
    const ok = await call('publisher', 'PUT', '/api/link-targets/es', { targets: targets(linkTargetBounds.entries) });
    expect(ok.status, ok.text).toBe(200);
    expect(Object.keys((await call('publisher', 'GET', '/api/link-targets/es')).body.targets)).toHaveLength(linkTargetBounds.entries);
    for (const n of [linkTargetBounds.entries + 1, 10_000]) {
      const over = await call('publisher', 'PUT', '/api/link-targets/es', { targets: targets(n) }, { 'accept-language': 'fr' });
      expect(over.status).toBe(400);
      expect(over.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'targets' } });
      expect(over.body.error.message).toBe(`Champ targets : au plus ${linkTargetBounds.entries} entrées (${n} reçues)`);
    }
    expect(Object.keys((await call('publisher', 'GET', '/api/link-targets/es')).body.targets)).toHaveLength(linkTargetBounds.entries);
  });

  it(`link targets: a URL of ${linkTargetBounds.urlLength} characters is kept, one more is refused`, async () => {
    const long = (n: number) => `https://example.org/${'a'.repeat(n - 'https://example.org/'.length)}`;
    expect((await call('publisher', 'PUT', '/api/link-targets/it', { targets: { [long(linkTargetBounds.urlLength)]: long(linkTargetBounds.urlLength) } })).status).toBe(200);
    const over = await call('publisher', 'PUT', '/api/link-targets/it', { targets: { 'https://example.org/': long(linkTargetBounds.urlLength + 1) } });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('validation_failed');
  });

  it(`users: ${userBounds.roles} roles and a name of ${userBounds.name} characters are accepted; more is refused, 12,000 roles too (not a 500)`, async () => {
    const roles = (n: number) => Array.from({ length: n }, (_, i) => ({ role: 'translator', locale: `en-x-r${i}` }));
    const ok = await call('admin', 'POST', '/api/users', { name: 'n'.repeat(userBounds.name), roles: roles(userBounds.roles) });
    expect(ok.status, ok.text).toBe(201);
    for (const body of [{ name: 'many', roles: roles(userBounds.roles + 1) }, { name: 'lots', roles: roles(12_000) }, { name: 'n'.repeat(userBounds.name + 1), roles: roles(1) }]) {
      const over = await call('admin', 'POST', '/api/users', body);
      expect(over.status).toBe(400);
      expect(over.body.error.code).toBe('validation_failed');
      expect(over.body.error.details.field).toMatch(/^(roles|name)$/);
    }
  });

  it('reviews: a list of segment ids is bounded', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    const over = await call('reviewer', 'POST', '/api/statements/seeds/translations/fr/reviews', { decision: 'request_changes', segments: ids(bounds.segments + 1), comment: 'x' });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'segments' } });
    const at = await call('reviewer', 'POST', '/api/statements/seeds/translations/fr/reviews', { decision: 'request_changes', segments: ids(bounds.segments), comment: 'x' });
    expect(at.status).not.toBe(500);
    expect(at.body.error?.code).not.toBe('validation_failed');
  });

  it('language tags and ids in paths and bodies are short', async () => {
    const tag = `en-x-${'a'.repeat(bounds.tag)}`;
    const drafts = await call('translator', 'POST', '/api/statements/seeds/drafts', { locales: [tag], provider: 'pseudo' });
    expect(drafts.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'locales.0' } });
    const path = await call('translator', 'GET', `/api/statements/seeds/translations/${tag}`);
    expect(path.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'locale' } });
  });
});

describe('unsafe link targets', () => {
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4='])('refuses %s with 400 validation_failed, in the caller’s language', async (url) => {
    const answer = await call('publisher', 'PUT', '/api/link-targets/fr', { targets: { 'https://example.org/plan': url } }, { 'accept-language': 'fr' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'targets.target', issue: { params: { problem: 'unsafe_url' } } } });
    expect(answer.body.error.message).toContain(`le schéma ${url.split(':')[0]} n’est pas autorisé`);
    expect((await call('publisher', 'GET', '/api/link-targets/fr')).body.targets).toEqual({});
  });

  it('accepts http, https, mailto and relative targets', async () => {
    const targets = { 'https://example.org/a': 'https://example.org/fr/a', 'https://example.org/b': 'http://example.org/fr/b', 'https://example.org/c': 'mailto:presse@example.org', 'https://example.org/d': '/fr/d' };
    expect((await call('publisher', 'PUT', '/api/link-targets/fr', { targets })).body.targets).toEqual(targets);
  });
});

describe('validation messages', () => {
  it('say which field, what was expected and what came, in en, fr and ar', async () => {
    const post = (lng: string, body: unknown) => call('publisher', 'POST', '/api/statements', body, { 'accept-language': lng });
    const wrong = { slug: 5, sourceLocale: 'en', markdown: '# x' };
    const missing = { slug: 'x', markdown: '# x' };
    expect((await post('en', wrong)).body.error).toMatchObject({ code: 'validation_failed', message: 'slug: expected a string, received a number', details: { issue: { received: 'number' } } });
    expect((await post('fr', wrong)).body.error.message).toBe('Champ slug : attendu : une chaîne de caractères, reçu : un nombre');
    expect((await post('ar', wrong)).body.error.message).toBe('الحقل slug: المتوقع: نص، والمستلم: رقم');
    expect((await post('en', missing)).body.error.message).toBe('sourceLocale: required (expected a string)');
    expect((await post('fr', missing)).body.error.message).toBe('Champ sourceLocale : obligatoire (attendu : une chaîne de caractères)');
    expect((await post('ar', missing)).body.error.message).toBe('الحقل sourceLocale: مطلوب (المتوقع: نص)');
  });

  it('name the limit of a body that is too large', async () => {
    const answer = await raw('publisher', 'POST', '/api/statements?slug=big&sourceLocale=en', bytes('x'.repeat(2_100_000)), 'text/markdown');
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toBe('The input is larger than the limit of 2000000 bytes.');
  });
});
