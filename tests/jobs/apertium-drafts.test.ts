/** Draft jobs through the real Apertium engine (APy on 127.0.0.1), routed by locale. */
import { copiesItself } from '../../src/markdown/copies-itself.ts';
import { describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { createApertiumProvider } from '../../src/mt/apertium/apertium-provider.ts';
import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { reassemble, segmentMarkdown } from '../../src/markdown/index.ts';
import { apertiumAvailable, useApy } from '../support/apy.ts';
import { contentStatements } from '../support/corpora.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

describe.skipIf(!apertiumAvailable).each(dialects)('drafts through Apertium ($name)', (dialect) => {
  const apyUrl = useApy();
  const world = useWorld(dialect);

  it('drafts a whole statement into es, ca and gl; never routes to pseudo; leaves fr to people', async () => {
    const w = world();
    const apertium = createApertiumProvider({ url: apyUrl(), timeoutMs: 60_000 });
    await apertium.availability();
    const providers = providerSetOf([createPseudoProvider(), apertium]);
    const sample = contentStatements()[2]!;
    await createStatement(w.ctx, w.publisher, { slug: sample.name, sourceLocale: 'en', markdown: sample.markdown });
    const jobId = await requestDrafts(w.ctx, w.publisher, providers, parseRoutes('es=apertium,ca=apertium,gl=apertium,*=none'), { slug: sample.name, locales: ['es', 'ca', 'gl', 'fr'] });
    await new DraftRunner(w.ctx, providers).run(jobId);
    const job = await getJob(w.ctx, jobId);
    expect(job.status).toBe('done');
    expect(job.progress.fr).toMatchObject({ provider: null, status: 'done', done: 0, fromMemory: 0 });
    expect(job.progress.fr!.leftForPeople).toBe(job.progress.fr!.total);
    for (const locale of ['es', 'ca', 'gl']) {
      const p = job.progress[locale]!;
      expect(p).toMatchObject({ provider: 'apertium', status: 'done', failed: 0 });
      expect(p.done).toBe(p.total);
      const t = await getTranslation(w.ctx, sample.name, locale);
      // Every segment is Apertium's draft, but those of numbers or codes only, which are their own translation.
      const drafted = t.segments.filter((s) => !copiesItself(s.source));
      expect(drafted.length).toBe(p.total);
      expect(drafted.every((s) => s.state === 'machine' && s.machineProvenance?.engine === 'apertium')).toBe(true);
      // A segment whose markup the engine broke is flagged, and only those carry placeholder findings.
      expect(t.segments.filter((s) => s.findings.some((f) => f.rule === 'placeholders'))).toHaveLength(p.flagged);
      expect(p.flagged / p.total).toBeLessThan(0.1);
    }
    // The words Apertium could not translate are kept with the draft and named with its segment.
    const es = await getTranslation(w.ctx, sample.name, 'es');
    const unknown = es.segments.filter((s) => s.findings.some((f) => f.rule === 'unknown-words'));
    expect(unknown.map((s) => s.findings.find((f) => f.rule === 'unknown-words')!.args.words)).toEqual(expect.arrayContaining(['fortnightly']));
    expect(unknown.every((s) => (s.machineProvenance?.unknownWords ?? []).length > 0 && !/[*@#]\p{L}/u.test(s.machine ?? ''))).toBe(true);
  });

  it('stores drafts of every sample statement without doubled spaces, and their edition Markdown never has &#x20;', async () => {
    const w = world();
    const apertium = createApertiumProvider({ url: apyUrl(), timeoutMs: 60_000 });
    const providers = providerSetOf([apertium]);
    const runner = new DraftRunner(w.ctx, providers);
    for (const sample of contentStatements()) {
      await createStatement(w.ctx, w.publisher, { slug: sample.name, sourceLocale: 'en', markdown: sample.markdown });
      await runner.run(await requestDrafts(w.ctx, w.publisher, providers, parseRoutes('es=apertium'), { slug: sample.name, locales: ['es'] }));
      const drafts = new Map((await getTranslation(w.ctx, sample.name, 'es')).segments.map((s) => [s.id, s.machine ?? '']));
      for (const text of drafts.values()) {
        expect(text, sample.name).not.toMatch(/\S[ \t]{2,}\S|^[ \t]|[ \t]$|<g id="\d+">[ \t]|[ \t]<\/g>/);
      }
      const { markdown } = reassemble(segmentMarkdown(sample.markdown), drafts);
      expect(markdown, sample.name).not.toContain('&#x20;');
    }
  }, 180_000);
});
