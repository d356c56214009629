/** Draft jobs: translation memory first, only unseen segments sent, progress persisted. */
import { describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { publish } from '../../src/operations/publish.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale } from '../support/flow.ts';
import { providerSetOf as providerSet } from '../../src/mt/registry.ts';
import { useWorld, type World } from '../support/world.ts';

const paragraphs = (n: number, changed = -1) =>
  `# Forty paragraphs\n\n${Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the statement says something about the depot${i === changed ? ', revised' : ''}.`).join('\n\n')}\n`;

async function draft(w: World, slug: string, locales: string[]) {
  const providers = providerSet([createPseudoProvider()]);
  const jobId = await requestDrafts(w.ctx, w.publisher, providers, parseRoutes(''), { slug, locales, provider: 'pseudo' });
  const runner = new DraftRunner(w.ctx, providers);
  await runner.run(jobId);
  return getJob(w.ctx, jobId);
}

describe.each(dialects)('draft jobs ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('draft every segment of several locales and report progress', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'forty', sourceLocale: 'en', markdown: paragraphs(40) });
    const job = await draft(w, 'forty', ['es', 'ca', 'ar']);
    expect(job.status).toBe('done');
    for (const locale of ['ar', 'ca', 'es']) {
      expect(job.progress[locale]).toMatchObject({ done: 41, total: 41, provider: 'pseudo', status: 'done', failed: 0, flagged: 0 });
      const t = await getTranslation(w.ctx, 'forty', locale);
      expect(t.segments.every((s) => s.state === 'machine' && s.machineProvenance?.engine === 'pseudo' && s.findings.length === 0)).toBe(true);
    }
  });

  it('send only the changed paragraph after a revision (≤ 3% of the characters)', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'forty', sourceLocale: 'en', markdown: paragraphs(40) });
    const full = await draft(w, 'forty', ['es']);
    await reviseSource(w.ctx, w.publisher, { slug: 'forty', markdown: paragraphs(40, 17), expectedRevision: 1 });
    const incremental = await draft(w, 'forty', ['es']);
    const fullChars = full.progress.es!.billedCharacters;
    const incChars = incremental.progress.es!.billedCharacters;
    expect(incremental.progress.es).toMatchObject({ done: 1, total: 1 });
    expect(incChars / fullChars).toBeLessThanOrEqual(0.03);
    expect(incChars).toBeGreaterThan(0);
  });

  it('fill from translation memory without calling the engine', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'first', sourceLocale: 'en', markdown: '# Seed bank\n\nThe depot opened today.\n' });
    await approveLocale(w, 'first', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'first', locales: ['fr'] });
    await createStatement(w.ctx, w.publisher, { slug: 'second', sourceLocale: 'en', markdown: '# Another title\n\nThe depot opened today.\n' });
    const job = await draft(w, 'second', ['fr']);
    expect(job.progress.fr).toMatchObject({ done: 2, total: 2, fromMemory: 1 });
    const t = await getTranslation(w.ctx, 'second', 'fr');
    const fromTm = t.segments.find((s) => s.source === 'The depot opened today.')!;
    expect(fromTm.machineProvenance).toMatchObject({ engine: 'tm', model: 'published' });
    expect(fromTm.text).toBe((await getTranslation(w.ctx, 'first', 'fr')).segments[1]!.text);
    expect(job.progress.fr!.billedCharacters).toBe('# Another title'.length - 2);
    // A near match is offered to the translator as a suggestion.
    await createStatement(w.ctx, w.publisher, { slug: 'third', sourceLocale: 'en', markdown: '# Third\n\nThe depot opened yesterday.\n' });
    await draft(w, 'third', ['fr']);
    const third = await getTranslation(w.ctx, 'third', 'fr', { suggestions: true });
    const suggested = third.segments.find((s) => s.source === 'The depot opened yesterday.')!.suggestions!;
    expect(suggested[0]).toMatchObject({ sourceText: 'The depot opened today.', origin: 'published' });
    expect(suggested[0]!.score).toBeGreaterThanOrEqual(0.75);
  });

  it('leave locales without an engine to people', async () => {
    const w = world();
    await createStatement(w.ctx, w.publisher, { slug: 'one', sourceLocale: 'en', markdown: '# One\n' });
    const providers = providerSet([createPseudoProvider()]);
    const jobId = await requestDrafts(w.ctx, w.publisher, providers, parseRoutes('*=none'), { slug: 'one', locales: ['fr'] });
    await new DraftRunner(w.ctx, providers).run(jobId);
    const job = await getJob(w.ctx, jobId);
    // No engine and nothing in memory: the segment is left for people.
    expect(job.progress.fr).toMatchObject({ provider: null, status: 'done', total: 1, done: 0, fromMemory: 0, leftForPeople: 1 });
    expect(job.progress.fr!.error).toMatch(/no engine.*left for people/);
    await expect(requestDrafts(w.ctx, w.publisher, providers, parseRoutes(''), { slug: 'one', locales: ['fr'], provider: 'nope' })).rejects.toMatchObject({ code: 'provider_unknown' });
    await expect(requestDrafts(w.ctx, w.reviewerFr, providers, parseRoutes(''), { slug: 'one', locales: ['fr'], provider: 'pseudo' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
