/**
 * What a machine draft could not do is said, on the sample statements of content/: the
 * real Apertium server (APy on 127.0.0.1) and the fake Google server. Unknown words are
 * marked by the engine, stripped, kept in the provenance and named by `unknown-words`;
 * quotation marks move with their words; protected glossary terms keep their neighbours
 * inflected; numbers whose separators read as another value in Spanish are a warning with
 * a fix.
 */
import { readFileSync } from 'node:fs';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentMarkdown, xmlCodec } from '../../src/markdown/index.ts';
import { createApertiumProvider } from '../../src/mt/apertium/apertium-provider.ts';
import { protectTerms, restoreTerms } from '../../src/mt/glossary-protect.ts';
import { createGoogleProvider } from '../../src/mt/google/google-provider.ts';
import type { MachineTranslationProvider } from '../../src/mt/provider.ts';
import { checkSegment, type GlossaryEntry, type QualityFinding } from '../../src/quality/index.ts';
import { apertiumAvailable, useApy } from '../support/apy.ts';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts';

const statement = (slug: string) => segmentMarkdown(readFileSync(new URL(`../../content/statements/${slug}/source.en.md`, import.meta.url), 'utf8'));
const dnt = (term: string): GlossaryEntry => ({ term, doNotTranslate: true, targetText: null, variants: [] });

/** Drafts segments as the draft job does (glossary terms protected and put back) and checks them. */
async function draft(provider: MachineTranslationProvider, segments: { id: string; text: string; kind: string; placeholders: unknown[] }[], glossary: string[] = []) {
  const protectedTerms = segments.map((s) => protectTerms(xmlCodec.decode(s.text).tokens, glossary));
  const results = await provider.translate({ sourceLocale: 'en', targetLocale: 'es', segments: segments.map((s, i) => ({ id: s.id, text: xmlCodec.encode(protectedTerms[i]!.tokens) })) });
  return results.map((r, i) => {
    const text = xmlCodec.encode(restoreTerms(xmlCodec.decode(r.text).tokens, protectedTerms[i]!.terms).tokens);
    const findings: QualityFinding[] = checkSegment({
      segment: segments[i]! as Parameters<typeof checkSegment>[0]['segment'],
      text,
      sourceLocale: 'en',
      targetLocale: 'es',
      glossary: glossary.map(dnt),
      ...(r.provenance.unknownWords ? { machine: { unknownWords: r.provenance.unknownWords } } : {}),
    });
    return { text, provenance: r.provenance, findings };
  });
}

const bySource = (doc: ReturnType<typeof statement>, fragment: string) => {
  const s = doc.segments.find((x) => x.text.includes(fragment));
  if (!s) throw new Error(`no segment with ${fragment}`);
  return s;
};

describe.skipIf(!apertiumAvailable)('machine drafts say what they could not do (real APy, content/)', () => {
  const apyUrl = useApy();
  let apertium: MachineTranslationProvider;
  beforeAll(async () => {
    apertium = createApertiumProvider({ url: apyUrl(), timeoutMs: 60_000 });
    await apertium.availability();
  });

  it('asks Apertium to mark unknown words, strips the marks and names the words left in the draft', async () => {
    const doc = statement('calloway-ostrand-youth-orchestra-exchange');
    const segment = bySource(doc, 'receives a bursary');
    const [d] = await draft(apertium, [segment]);
    expect(d!.text).toContain('bursary');
    expect(d!.text).not.toMatch(/[*@#]\p{L}/u);
    expect(d!.provenance.unknownWords).toEqual(expect.arrayContaining(['bursary', 'HCCF']));
    expect(d!.findings).toContainEqual(expect.objectContaining({ rule: 'unknown-words', key: 'unknown-words.left', args: { words: 'bursary', count: 1 } }));
    // The source's own asterisks, hashtags and handles are not taken for marks.
    const [tags] = await draft(apertium, [{ ...segment, text: 'Join #SeedsForAll and @rsn_network, 5 * 3 and *zorblax.' }]);
    expect(tags!.text).toContain('#SeedsForAll');
    expect(tags!.text).toContain('@rsn_network');
    expect(tags!.text).toContain('5 * 3');
    expect(tags!.text).toContain('*zorblax');
    expect(tags!.provenance.unknownWords).toEqual(['zorblax']);
  });

  it('moves quotation marks with the words they enclose', async () => {
    const doc = statement('lower-vessa-river-watch');
    const segment = bySource(doc, 'rated "good" rose');
    const [good, shameless] = await draft(apertium, [segment, { ...segment, id: 'x', text: 'The “shameless” laws were passed.' }]);
    expect(good!.text).toContain('"bien"');
    expect(shameless!.text).toContain('leyes “desvergonzadas”');
    expect(good!.findings.filter((f) => f.rule === 'quotes')).toEqual([]);
    expect(shameless!.findings.filter((f) => f.rule === 'quotes')).toEqual([]);
  });

  it('sends protected terms as names the engine knows, so their neighbours agree', async () => {
    const doc = statement('calloway-ostrand-youth-orchestra-exchange');
    const segment = bySource(doc, 'Tickets for all four public concerts');
    const [d] = await draft(apertium, [{ ...segment, text: 'Tickets from the Calloway–Ostrand Youth Orchestra Exchange are on sale and COYOE sells them.' }], ['Calloway–Ostrand Youth Orchestra Exchange', 'COYOE']);
    expect(d!.text).toBe('Las entradas del Calloway–Ostrand Youth Orchestra Exchange están a la venta y COYOE les vende.');
  });

  it('warns about 12,500 in a Spanish draft, which reads as 12.5, with the fix 12.500', async () => {
    const doc = statement('coastal-shoreline-cleanup-coalition');
    const segment = bySource(doc, '12,500 volunteers');
    const [d] = await draft(apertium, [segment]);
    const misread = d!.findings.find((f) => f.key === 'numbers.misread' && f.args.value === '12,500');
    expect(misread).toMatchObject({ severity: 'warning', args: { reads: '12.5', expected: '12.500' } });
    expect(misread!.fix).toContain('12.500 voluntarios');
  });
});

describe('machine drafts say what they could not do (fake Google, content/)', () => {
  let fake: FakeGoogle;
  let google: MachineTranslationProvider;
  beforeAll(async () => {
    fake = await startFakeGoogle();
    const auth = new OAuth2Client({ transporterOptions: { timeout: 5000 } });
    auth.setCredentials({ access_token: 'test-token' });
    google = createGoogleProvider({ projectId: 'test-project', location: 'global', endpoint: fake.endpoint, authClient: auth, credentials: 'auth-client', timeoutMs: 5000 });
  });
  afterAll(() => fake.close());

  it('warns about numbers and quotations in its drafts, and names no unknown words (Google marks none)', async () => {
    const coastal = statement('coastal-shoreline-cleanup-coalition');
    const river = statement('lower-vessa-river-watch');
    const [volunteers, good] = await draft(google, [bySource(coastal, '12,500 volunteers'), bySource(river, 'rated "good" rose')], ['CASA']);
    expect(volunteers!.findings).toContainEqual(expect.objectContaining({ key: 'numbers.misread', args: { value: '12,500', reads: '12.5', expected: '12.500' } }));
    expect(volunteers!.text).toContain('CASA');
    expect(volunteers!.provenance.unknownWords).toBeUndefined();
    expect(good!.findings.filter((f) => f.rule === 'quotes' || f.rule === 'unknown-words')).toEqual([]);
  });
});
