/** The review page and what it posts: decisions (per segment or whole locale), finding overrides; back-translation on request (GET). */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { ProviderSet, Routes } from '../../src/mt/routing.ts';
import { backTranslate } from '../../src/operations/back-translate.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { overrideFinding } from '../../src/operations/quality.ts';
import { getStatement, getTranslation } from '../../src/operations/read-statements.ts';
import { review, segmentsWrittenBy } from '../../src/operations/review.ts';
import { errorText } from './error-text.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import { ReviewPage } from './review-page.tsx';
import { pageAsked, pageOfIndex, pageWithin, segmentsPerPage, withPage } from './segment-pages.tsx';

export function reviewRoutes(ctx: OperationContext, providers: ProviderSet, routes: Routes) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/review/:locale';

  /** `page`: the page of segments to show; else the one in `?page=`. */
  const show = async (c: Context<PageEnv>, extra: { error?: unknown; page?: number } = {}) => {
    const { slug, locale } = c.req.param() as { slug: string; locale: string };
    const vars = varsOf(c);
    const statement = await getStatement(ctx, slug);
    const page = pageWithin(extra.page ?? pageAsked(c.req.query('page')), statement.segments.length);
    const translation = await getTranslation(ctx, slug, locale, { limit: segmentsPerPage, offset: (page - 1) * segmentsPerPage });
    let back: { provider: string | null; texts: Map<string, string | null>; unknown: Map<string, string[]>; notes: string[] } | null = null;
    let error = extra.error;
    const asked = c.req.query('back');
    if (asked) {
      try {
        const result = await backTranslate(ctx, providers, routes, { slug, locale, ...(asked === 'auto' ? {} : { provider: asked }) });
        back = { provider: result.provider?.id ?? null, texts: new Map(result.segments.map((s) => [s.id, s.back])), unknown: new Map(result.segments.map((s) => [s.id, s.unknownWords])), notes: result.notes };
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        error ??= e;
      }
    }
    // Four-eyes, before the reviewer tries: the segments on this page whose current text they wrote.
    const own = vars.session ? await segmentsWrittenBy(ctx, vars.session.actor, { slug, locale, segments: translation.segments.map((s) => s.id) }) : new Set<string>();
    const doneKey = c.req.query('done') ?? '';
    const done = ['approve', 'request_changes', 'overridden'].includes(doneKey) ? vars.t(`review.done.${doneKey}`) : undefined;
    return renderPage(
      c,
      <ReviewPage
        vars={vars}
        slug={statement.slug}
        title={statement.title ?? statement.slug}
        locale={translation.locale}
        sourceLocale={statement.sourceLocale}
        segments={translation.segments}
        own={own}
        translationTag={translation.tag}
        page={page}
        total={translation.total}
        offset={translation.offset}
        findings={translation.findings}
        submittedAt={translation.submittedAt}
        placeholders={new Map(statement.segments.map((s) => [s.id, s.placeholders]))}
        providers={providers.all().map((p) => ({ id: p.id, label: p.label }))}
        back={back}
        error={error === undefined ? undefined : errorText(vars.t, error)}
        done={done}
      />,
      200,
    );
  };

  app.get(path, (c) => show(c));

  /** The page of segments a decision returns to: the segment's, else the one in `?page=` (the locale-wide form's). */
  const pageOf = async (slug: string, segmentId: string | undefined, c: Context<PageEnv>) =>
    segmentId ? pageOfIndex((await getStatement(ctx, slug)).segments.findIndex((s) => s.id === segmentId)) : pageAsked(c.req.query('page'));

  app.post(`${path}/decision`, async (c) => {
    const { slug, locale } = c.req.param();
    const body = await c.req.parseBody();
    const decision = body.decision === 'approve' ? 'approve' : body.decision === 'request_changes' ? 'request_changes' : null;
    const segment = typeof body.segment === 'string' && body.segment ? body.segment : undefined;
    const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim() : undefined;
    // What the reviewer saw: the segment's version, or the whole translation's tag.
    const version = typeof body.version === 'string' && /^\d{1,15}$/.test(body.version) ? Number(body.version) : undefined;
    const etag = typeof body.etag === 'string' && body.etag ? body.etag : undefined;
    try {
      if (!decision) throw new DomainError('validation_failed', 'Choose approve or request changes', { field: 'decision', problem: 'approve | request_changes' });
      await review(ctx, sessionOf(c).actor, {
        slug,
        locale,
        decision,
        ...(segment ? { segments: [segment], ...(version === undefined ? {} : { versions: { [segment]: version } }) } : etag ? { ifMatch: etag } : {}),
        ...(comment ? { comment } : {}),
      });
      return c.redirect(`${withPage(`/statements/${slug}/review/${locale}`, await pageOf(slug, segment, c), `done=${decision}`)}${segment ? `#seg-${segment}` : ''}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error, page: await pageOf(slug, segment, c) });
    }
  });

  app.post(`${path}/override`, async (c) => {
    const { slug, locale } = c.req.param();
    const body = await c.req.parseBody();
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    try {
      const segment = text(body.segment);
      await overrideFinding(ctx, sessionOf(c).actor, { slug, locale, rule: text(body.rule), reason: text(body.reason), ...(segment ? { segmentId: segment } : {}) });
      return c.redirect(`${withPage(`/statements/${slug}/review/${locale}`, await pageOf(slug, segment || undefined, c), 'done=overridden')}${segment ? `#seg-${segment}` : ''}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error, page: await pageOf(slug, text(body.segment) || undefined, c) });
    }
  });

  return app;
}
