/**
 * Translation memory for a locale no engine serves, over HTTP against the service on
 * 127.0.0.1 (no Apertium, no Google): approved Arabic for statement A; drafts asked for a
 * near copy B fill its matching segments from memory, marked as memory and counted as
 * unreviewed machine text by the publication gate; the one changed segment is left for
 * people, with A's paragraph offered as a fuzzy suggestion.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { translateAndApprove } from '../support/http-api.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'ar' }],
    reviewer: [{ role: 'reviewer', locale: 'ar' }],
  },
});
const { call, tokens } = service;

const paragraphs = Array.from({ length: 16 }, (_, i) => `Volunteers repaired well number ${i + 1} in the district of Qasr Naba this spring.`);
const changed = 8;
const statement = (list: readonly string[]) => `---\ntitle: Wells repaired\n---\n\n${list.join('\n\n')}\n`;
const a = statement(paragraphs);
const b = statement(paragraphs.map((p, i) => (i === changed ? p.replace('this spring', 'last spring') : p)));
const arabic = ['إصلاح الآبار', ...paragraphs.map((_, i) => `أصلح المتطوعون البئر رقم ${i + 1} في منطقة قصر نبا هذا الربيع.`)];

type Seg = { id: string; source: string; text: string | null; machine: string | null; state: string; machineProvenance: { engine: string; model?: string } | null; suggestions?: { sourceText: string; targetText: string; origin: string; score: number }[] };

beforeAll(async () => {
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'wells-a', sourceLocale: 'en', markdown: a })).status).toBe(201);
  await translateAndApprove(call, 'wells-a', 'ar', arabic, 'translator', 'reviewer');
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'wells-b', sourceLocale: 'en', markdown: b })).status).toBe(201);
}, 60_000);

describe('translation memory for a locale without an engine', () => {
  it('fills the matching segments of a near copy from memory and leaves the rest to people', async () => {
    const job = await call('translator', 'POST', '/api/statements/wells-b/drafts', { locales: ['ar'] });
    expect(job.status, job.text).toBe(202);
    await (await fetch(`${service.url}/api/jobs/${job.body.id}/events`, { headers: { authorization: `Bearer ${tokens.translator}` } })).text();
    const done = (await call('translator', 'GET', `/api/jobs/${job.body.id}`)).body;
    expect(done.status).toBe('done');
    expect(done.progress.ar).toMatchObject({ provider: null, status: 'done', total: 17, done: 16, fromMemory: 16, failed: 0, leftForPeople: 1, billedCharacters: 0 });
    expect(done.progress.ar.error).toMatch(/no engine/);

    const view = (await call('translator', 'GET', '/api/statements/wells-b/translations/ar?suggestions=true')).body as { segments: Seg[]; findings: { rule: string; severity: string; args: { count: number } }[] };
    const filled = view.segments.filter((s) => s.state === 'machine');
    expect(filled).toHaveLength(16);
    for (const s of filled) {
      // Marked as coming from memory (A's approved text), never as a person's.
      expect(s.machineProvenance).toMatchObject({ engine: 'tm', model: 'approved' });
      expect(s.text).toBe(s.machine);
      expect(arabic).toContain(s.text);
    }
    const left = view.segments.find((s) => s.state === 'untranslated')!;
    expect(left.source).toContain('last spring');
    expect(left.text).toBeNull();
    // The near match is suggested, not applied.
    expect(left.suggestions?.[0]).toMatchObject({ sourceText: paragraphs[changed], targetText: arabic[changed + 1], origin: 'approved' });
    // The unreviewed-machine-text gate counts memory fills as machine text.
    expect(view.findings).toContainEqual(expect.objectContaining({ rule: 'machine-share', severity: 'fatal', args: expect.objectContaining({ count: 16 }) }));
  });
});
