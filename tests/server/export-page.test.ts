/**
 * The static export writes the very page the service serves (issue 19): for the same edition
 * and settings, `<dir>/<slug>/<locale>.html` and GET /published/<slug>/<locale>.html are the
 * same bytes — title, description, canonical and hreflang alternates, the language switcher,
 * the stylesheet and the provenance footer (a reviewer's own display choice included).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { publish } from '../../src/operations/publish.ts';
import { exportStatic } from '../../src/operations/static-export.ts';
import { setReviewerDisplay } from '../../src/operations/users.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, create } from '../support/flow.ts';
import { usePublishedServer } from '../support/published-server.ts';
import { useWorld } from '../support/world.ts';

const serve = usePublishedServer();
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe.each(dialects)('the static export’s pages ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('are byte for byte the pages the service serves', async () => {
    const w = world();
    await create(w);
    await setReviewerDisplay(w.ctx, w.reviewerAr, w.reviewerAr.id, 'initials');
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await approveLocale(w, 'seed-bank', 'ar', w.translatorAr, w.reviewerAr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['en', 'fr', 'ar'] });
    const env = { EDITIONS_REVIEWER_DISPLAY: 'name', EDITIONS_SITE_LANGUAGE: 'fr' };
    const url = await serve(w, env);
    // The settings the served routes read (usePublishedServer's public URL and the same env).
    const config = loadConfig({ EDITIONS_PUBLIC_URL: 'https://news.example.org', ...env });
    dir = mkdtempSync(join(tmpdir(), 'editions-export-page-'));
    const { reviewerDisplay, siteLanguage, labelsDir } = config.editionPages;
    await exportStatic(w.ctx, join(dir, 'site'), 'https://news.example.org/published', { reviewerDisplay, labels: { siteLanguage, ...(labelsDir ? { labelsDir } : {}) } });
    for (const locale of ['en', 'fr', 'ar']) {
      const served = Buffer.from(await (await fetch(`${url}/published/seed-bank/${locale}.html`)).arrayBuffer());
      const exported = readFileSync(join(dir, 'site', 'seed-bank', `${locale}.html`));
      expect(exported.toString('utf8'), locale).toBe(served.toString('utf8'));
      expect(exported.equals(served)).toBe(true);
    }
    const ar = readFileSync(join(dir, 'site', 'seed-bank', 'ar.html'), 'utf8');
    expect(ar).toContain('<link rel="alternate" hreflang="fr" href="https://news.example.org/published/seed-bank/fr.html">');
    expect(ar).toContain('hreflang="en" lang="en" dir="ltr">English</a>');
    expect(ar).not.toContain('Rania');
  });
});
