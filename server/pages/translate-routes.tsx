/**
 * The translate page and what it posts: open a locale, save one segment (JSON for pages.js,
 * or a plain form post), submit for review, request machine drafts. Thin: each handler calls
 * one operation and shows the page again, or its refusal in the user's language.
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { DraftRunner } from '../../src/jobs/runner.ts';
import { resolveProvider, type ProviderSet, type Routes } from '../../src/mt/routing.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import type { FindingView } from '../../src/operations/quality.ts';
import { getStatement, getTranslation } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { startTranslation } from '../../src/operations/start-translation.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { ifMatchVersion } from '../if-match.ts';
import { errorStatus, errorText } from './error-text.ts';
import { findingMessage } from './findings-list.tsx';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import { pageAsked, pageOfIndex, pageWithin, segmentsPerPage, withPage } from './segment-pages.tsx';
import { TranslatePage } from './translate-page.tsx';

export interface DraftDeps {
  providers: ProviderSet;
  routes: Routes;
  runner: DraftRunner;
}

const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');

export function translateRoutes(ctx: OperationContext, drafts: DraftDeps) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/translate/:locale';

  /** `page`: the page of segments to show; else the one in `?page=`. */
  const show = async (c: Context<PageEnv>, extra: { error?: unknown; done?: string; page?: number } = {}) => {
    const { slug, locale } = c.req.param() as { slug: string; locale: string };
    const vars = varsOf(c);
    const statement = await getStatement(ctx, slug);
    const page = pageWithin(extra.page ?? pageAsked(c.req.query('page')), statement.segments.length);
    let translation = null;
    try {
      translation = await getTranslation(ctx, slug, locale, { limit: segmentsPerPage, offset: (page - 1) * segmentsPerPage, suggestions: true });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'translation_not_found')) throw error;
    }
    // The engine a draft request without a chosen engine would use: the draft job's own routing.
    const routed = await resolveProvider(drafts.providers, drafts.routes, statement.sourceLocale, translation?.locale ?? locale);
    const jobId = c.req.query('job');
    const job = jobId ? await getJob(ctx, jobId).catch(() => null) : null;
    const error = extra.error === undefined ? undefined : errorText(vars.t, extra.error);
    const doneKey = c.req.query('done');
    const done = extra.done ?? (doneKey === 'saved' || doneKey === 'submitted' ? vars.t(`translate.done.${doneKey}`) : undefined);
    return renderPage(
      c,
      <TranslatePage
        vars={vars}
        slug={statement.slug}
        title={statement.title ?? statement.slug}
        locale={translation?.locale ?? locale}
        sourceLocale={statement.sourceLocale}
        translation={translation}
        page={page}
        placeholders={new Map(statement.segments.map((s) => [s.id, s.placeholders]))}
        providers={drafts.providers.all().map((p) => ({ id: p.id, label: p.label }))}
        defaultEngine={routed.provider ? { id: routed.provider.id, label: routed.provider.label } : null}
        job={job}
        error={error}
        done={done}
      />,
      200,
    );
  };

  /** The page of segments a segment is on (a save returns to it). */
  const pageOfSegment = async (slug: string, segmentId: string) => pageOfIndex((await getStatement(ctx, slug)).segments.findIndex((s) => s.id === segmentId));

  app.get('/statements/:slug/translate', (c) => {
    const locale = c.req.query('locale')?.trim() ?? '';
    return c.redirect(`/statements/${encodeURIComponent(c.req.param('slug'))}/translate/${encodeURIComponent(locale)}`, 303);
  });

  app.get(path, (c) => show(c));

  app.post(`${path}/start`, async (c) => {
    const { slug, locale } = c.req.param();
    try {
      await startTranslation(ctx, sessionOf(c).actor, { slug, locale });
      return c.redirect(`/statements/${slug}/translate/${locale}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error });
    }
  });

  app.post(`${path}/segments/:segmentId`, async (c) => {
    const { slug, locale, segmentId } = c.req.param();
    const t = c.get('t');
    const json = wantsJson(c);
    let text: string;
    let versionRead: string | undefined;
    if ((c.req.header('content-type') ?? '').startsWith('application/json')) {
      const body = (await c.req.json()) as { text?: unknown };
      text = typeof body.text === 'string' ? body.text : '';
      versionRead = c.req.header('if-match');
    } else {
      const body = await c.req.parseBody();
      text = typeof body.text === 'string' ? body.text : '';
      versionRead = typeof body.version === 'string' ? body.version : undefined;
    }
    try {
      // The operation refuses a broken placeholder (placeholders_broken), as it does for the API.
      await editSegment(ctx, sessionOf(c).actor, { slug, locale, segmentId, text, expectedVersion: ifMatchVersion(versionRead) });
      if (!json) return c.redirect(`${withPage(`/statements/${slug}/translate/${locale}`, await pageOfSegment(slug, segmentId), 'done=saved')}#seg-${segmentId}`, 303);
      const translation = await getTranslation(ctx, slug, locale, { segmentIds: [segmentId] });
      const segment = translation.segments[0]!;
      const shownFindings = (list: FindingView[]) => list.map((f) => ({ severity: f.severity, label: t(`findings.severity.${f.severity}`), message: findingMessage(t, f), rule: f.rule }));
      return c.json({
        ok: true,
        version: segment.version,
        state: segment.state,
        stateLabel: t(`state.${segment.state}`),
        message: t('segment.saved'),
        findings: shownFindings(segment.findings),
        editionFindings: shownFindings(translation.findings),
        noFindings: t('findings.none'),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (!json) return show(c, { error, page: await pageOfSegment(slug, segmentId) });
      const shown = errorText(t, error);
      return c.json(
        {
          ok: false,
          status: errorStatus(error),
          code: error.code,
          message: shown.message,
          items: shown.items,
          ...(error.code === 'version_conflict' ? { conflict: { text: error.details.text ?? '', version: error.details.version } } : {}),
        },
        200,
      );
    }
  });

  app.post(`${path}/submit`, async (c) => {
    const { slug, locale } = c.req.param();
    try {
      await submitLocale(ctx, sessionOf(c).actor, { slug, locale });
      return c.redirect(withPage(`/statements/${slug}/translate/${locale}`, pageAsked(c.req.query('page')), 'done=submitted'), 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error });
    }
  });

  app.post(`${path}/drafts`, async (c) => {
    const { slug, locale } = c.req.param();
    const body = await c.req.parseBody();
    const provider = typeof body.provider === 'string' && body.provider ? body.provider : undefined;
    try {
      const jobId = await requestDrafts(ctx, sessionOf(c).actor, drafts.providers, drafts.routes, { slug, locales: [locale], ...(provider ? { provider } : {}) });
      drafts.runner.start(jobId);
      return c.redirect(withPage(`/statements/${slug}/translate/${locale}`, pageAsked(c.req.query('page')), `job=${jobId}`), 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error });
    }
  });

  return app;
}
