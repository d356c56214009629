/**
 * Quality checks in the workflow, over a real server on 127.0.0.1: findings with each
 * segment (messages in the caller's language) and in XLIFF notes; a fatal finding blocks
 * approval until fixed or overridden with a reason; an edit makes the override lapse;
 * overrides reach the edition's provenance; per-locale link targets are applied at
 * publication and accepted by the links check; back-translation (pseudo here, Apertium
 * es→en where installed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pseudoText } from '../../src/mt/pseudo.ts';
import { apertiumAvailable, useApy } from '../support/apy.ts';
import { asRead, translateAndApprove } from '../support/http-api.ts';
import { signInToPages } from '../support/page-session.ts';
import { useService } from '../support/use-service.ts';

const apyUrl = apertiumAvailable ? useApy() : undefined;
const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'fr' }, { role: 'translator', locale: 'es' }],
    reviewer: [{ role: 'reviewer', locale: 'fr' }, { role: 'reviewer', locale: 'es' }],
  },
  env: () => ({ EDITIONS_APERTIUM: apyUrl ? apyUrl() : 'off' }),
});
const { call, tokens } = service;

const source = `# Partners meet in Tarsin

Over 40 groups signed the appeal on 12 May 2026.

Read [the appeal](https://partner.example/appeal).
`;
const base = '/api/statements/partners/translations/fr';
type Seg = { id: string; version: number; state: string; findings: { rule: string; severity: string; key: string; message: string; overridden?: { reason: string } }[] };
const segmentsOf = async (lang = 'en') => (await call('reviewer', 'GET', base, undefined, { 'accept-language': lang })).body.segments as Seg[];

beforeAll(async () => {
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'partners', sourceLocale: 'en', markdown: source })).status).toBe(201);
  const job = (await call('translator', 'POST', '/api/statements/partners/drafts', { locales: ['fr'], provider: 'pseudo' })).body;
  for (let i = 0; i < 200 && (await call('translator', 'GET', `/api/jobs/${job.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
}, 60_000);

describe('quality checks in the workflow', () => {
  it('shows findings with each segment, in the caller’s language, and blocks approval of a fatal one', async () => {
    const [title, para, link] = await segmentsOf();
    const edit = (s: Seg, text: string) => call('translator', 'PUT', `${base}/segments/${s.id}`, { text }, { 'if-match': String(s.version) });
    expect((await edit(title!, 'Les partenaires se réunissent à Tarsin')).status).toBe(200);
    // "Over 40" became "Plus de quarante": the number is gone.
    expect((await edit(para!, 'Plus de quarante groupes ont signé l’appel le 12 mai 2026.')).status).toBe(200);
    expect((await edit(link!, 'Lisez <g id="1">l’appel</g>.')).status).toBe(200);

    const en = await segmentsOf('en');
    const fatal = en[1]!.findings.find((f) => f.severity === 'fatal')!;
    expect(fatal).toMatchObject({ rule: 'numbers', key: 'numbers.missing', args: { value: '40' } });
    expect(fatal.message).toContain('40');
    const fr = await segmentsOf('fr');
    expect(fr[1]!.findings[0]!.message).not.toBe(fatal.message);
    expect(en[0]!.findings.filter((f) => f.severity === 'fatal')).toEqual([]);

    // A glossary term the title must keep: added, then checked.
    expect((await call('publisher', 'POST', '/api/glossary', { term: 'Tarsin' })).status).toBe(201);
    expect((await call('reviewer', 'GET', '/api/glossary?locale=fr')).body.terms).toEqual([expect.objectContaining({ term: 'Tarsin', doNotTranslate: true })]);
    const renamed = (await segmentsOf())[0]!;
    expect((await edit(renamed, 'Les partenaires se réunissent à Tarsine')).status).toBe(200);
    expect((await segmentsOf())[0]!.findings).toContainEqual(expect.objectContaining({ rule: 'glossary', severity: 'fatal', key: 'glossary.do-not-translate' }));
    const back = (await segmentsOf())[0]!;
    expect((await edit(back, 'Les partenaires se réunissent à Tarsin')).status).toBe(200);

    const xliff = (await call('reviewer', 'GET', `${base}.xlf`)).text;
    expect(xliff).toContain('glossary: do not translate “Tarsin”');
    expect(xliff).toContain('fatal (numbers): ');

    expect((await call('translator', 'POST', `${base}/submit`)).status).toBe(200);
    const refused = await call('reviewer', 'POST', `${base}/reviews`, { decision: 'approve', comment: 'looks fine' }, { 'accept-language': 'fr', ...(await asRead(call, 'reviewer', base)) });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'quality_blocked', details: { count: 1, findings: [{ rule: 'numbers', segmentId: para!.id }] } });
    expect(refused.body.error.message).toMatch(/contrôle/);
    expect((await segmentsOf()).map((s) => s.state)).toEqual(['translated', 'translated', 'translated']);
  });

  it('lets a reviewer override a finding with a reason; an edit makes it lapse; the edition records it', async () => {
    const para = (await segmentsOf())[1]!;
    expect((await call('reviewer', 'POST', `${base}/overrides`, { rule: 'numbers', segmentId: para.id, reason: '' })).status).toBe(400);
    const o = await call('reviewer', 'POST', `${base}/overrides`, { rule: 'numbers', segmentId: para.id, reason: 'Spelled out on purpose: house style' });
    expect(o.status, o.text).toBe(201);
    expect((await segmentsOf())[1]!.findings.find((f) => f.rule === 'numbers')!.overridden).toMatchObject({ reason: 'Spelled out on purpose: house style' });

    // A new text: the override was for the old one.
    const edited = await call('translator', 'PUT', `${base}/segments/${para.id}`, { text: 'Plus de quarante groupes ont signé cet appel le 12 mai 2026.' }, { 'if-match': String(para.version) });
    expect(edited.status).toBe(200);
    expect((await segmentsOf())[1]!.findings.find((f) => f.rule === 'numbers')!.overridden).toBeUndefined();
    expect((await call('reviewer', 'POST', `${base}/reviews`, { decision: 'approve', comment: 'x' }, await asRead(call, 'reviewer', base))).body.error.code).toBe('quality_blocked');

    expect((await call('reviewer', 'POST', `${base}/overrides`, { rule: 'numbers', segmentId: para.id, reason: 'Spelled out on purpose: house style' })).status).toBe(201);
    expect((await call('reviewer', 'POST', `${base}/reviews`, { decision: 'approve', comment: 'ok' }, await asRead(call, 'reviewer', base))).status).toBe(200);

    // The French page of the partner site for the French edition.
    expect((await call('publisher', 'PUT', '/api/link-targets/fr', { targets: { 'https://partner.example/appeal': 'https://partner.example/fr/appel' } })).status).toBe(200);
    const t = (await call('reviewer', 'GET', base)).body;
    expect(t.findings.filter((f: { rule: string }) => f.rule === 'links')).toEqual([]);
    const published = await call('publisher', 'POST', '/api/statements/partners/editions', { locales: ['fr'] });
    expect(published.status, published.text).toBe(201);
    expect(published.body.editions[0].provenance.overrides).toEqual([expect.objectContaining({ rule: 'numbers', segmentId: para.id, reason: 'Spelled out on purpose: house style', by: 'reviewer' })]);
    const md = await (await fetch(`${service.url}/published/partners/fr.md`)).text();
    expect(md).toContain('[l’appel](https://partner.example/fr/appel)');
  });

  it('back-translates a locale for reviewers (pseudo)', async () => {
    const r = await call('reviewer', 'GET', `${base}/back-translation?provider=pseudo`);
    expect(r.status).toBe(200);
    expect(r.body.provider).toMatchObject({ id: 'pseudo', development: true });
    expect(r.body.segments[0]).toMatchObject({ source: 'Partners meet in Tarsin', text: 'Les partenaires se réunissent à Tarsin' });
    // Tarsin, a do-not-translate term since the first test, is protected as drafting protects it.
    expect(r.body.segments[0].back).toBe(pseudoText('Les partenaires se réunissent à <x id="900"/>').replace('<x id="900"/>', 'Tarsin'));
  });

  it.skipIf(!apyUrl)('back-translates Spanish into English with Apertium', async () => {
    await translateAndApprove(call, 'partners', 'es', [
      'Los socios se reúnen en Tarsin',
      'Más de 40 grupos firmaron el llamamiento el 12 de mayo de 2026.',
      'Lea <g id="1">el llamamiento</g>.',
    ], 'translator', 'reviewer');
    const r = await call('reviewer', 'GET', '/api/statements/partners/translations/es/back-translation');
    expect(r.status, r.text).toBe(200);
    expect(r.body.provider.id).toBe('apertium');
    expect(r.body.segments[1].back).toMatch(/40/);
    expect(r.body.segments[1].back).toMatch(/groups|May/i);
    expect(r.body.segments[2].back).toMatch(/<g id="1">.+<\/g>/);
  }, 60_000);

  it.skipIf(!apyUrl)('back-translation keeps glossary terms and names the words the engine left untranslated', async () => {
    const markdown = '# MAS stands with Al-Quds\n\nThe MAS and the people of Al-Quds met the zorblax committee.\n';
    expect((await call('publisher', 'POST', '/api/statements', { slug: 'quds', sourceLocale: 'en', markdown })).status).toBe(201);
    for (const term of ['MAS', 'Al-Quds']) expect((await call('publisher', 'POST', '/api/glossary', { term })).status).toBe(201);
    await translateAndApprove(call, 'quds', 'es', [
      'MAS apoya a Al-Quds',
      'El MAS y la gente de Al-Quds se reunieron con el comité zorblax.',
    ], 'translator', 'reviewer');
    const r = await call('reviewer', 'GET', '/api/statements/quds/translations/es/back-translation');
    expect(r.status, r.text).toBe(200);
    const [title, para] = r.body.segments as { back: string; unknownWords: string[] }[];
    for (const back of [title!.back, para!.back]) {
      expect(back).toMatch(/(?<![\p{L}-])MAS(?![\p{L}])/u);
      expect(back).toContain('Al-Quds');
      expect(back).not.toMatch(/To the|BUT/);
      expect(back).not.toMatch(/[*@#]\p{L}/u);
    }
    expect(para!.unknownWords).toContain('zorblax');
    expect(title!.unknownWords).toEqual([]);
    // The review page names them too, beside the segment's back-translation.
    const session = await signInToPages(service.url, tokens.reviewer!);
    const page = await fetch(`${service.url}/statements/quds/review/es?back=apertium`, { headers: { cookie: `editions_session=${session}`, 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    const unknown = [...(await page.text()).matchAll(/<p class="back-unknown">([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toContain('could not translate back');
    expect(unknown[0]).toContain('zorblax');
  }, 60_000);
});
