/** Draft jobs through the real Apertium engine (APy on 127.0.0.1), routed by locale. */
import { describe, expect, it } from 'vitest';
import { DraftRunner } from '../../src/jobs/runner.ts';
import { createApertiumProvider } from '../../src/mt/apertium/apertium-provider.ts';
import { createPseudoProvider } from '../../src/mt/pseudo.ts';
import { providerSetOf } from '../../src/mt/registry.ts';
import { parseRoutes } from '../../src/mt/routing.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
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
    expect(job.progress.fr).toMatchObject({ provider: null, total: 0 });
    for (const locale of ['es', 'ca', 'gl']) {
      const p = job.progress[locale]!;
      expect(p).toMatchObject({ provider: 'apertium', status: 'done', failed: 0 });
      expect(p.done).toBe(p.total);
      const t = await getTranslation(w.ctx, sample.name, locale);
      expect(t.segments.every((s) => s.state === 'machine' && s.machineProvenance?.engine === 'apertium')).toBe(true);
      // A segment whose markup the engine broke is flagged, and only those carry placeholder findings.
      expect(t.segments.filter((s) => s.findings.some((f) => f.rule === 'placeholders'))).toHaveLength(p.flagged);
      expect(p.flagged / p.total).toBeLessThan(0.1);
    }
  });
});
