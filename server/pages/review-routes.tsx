/** The review page and what it posts: decisions (per segment or whole locale), finding overrides; back-translation on request (GET). */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../src/errors.ts';
import type { ProviderSet, Routes } from '../../src/mt/routing.ts';
import { backTranslate } from '../../src/operations/back-translate.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { overrideFinding } from '../../src/operations/quality.ts';
import { getStatement, getTranslation } from '../../src/operations/read-statements.ts';
import { review, segmentsWrittenBy } from '../../src/operations/review.ts';
import { OverrideBody } from '../routes/overrides.ts';
import { ReviewBody, SegmentId } from '../schemas.ts';
import { errorText, pageStatus } from './error-text.ts';
import { formInput, optionalField, textField } from './form-input.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import { ReviewPage } from './review-page.tsx';
import { pageAsked, pageOfIndex, pageWithin, segmentsPerPage, withPage } from './segment-pages.tsx';

/**
 * The decision form, in the API's terms (ReviewBody): one segment (with the version the
 * reviewer saw) or, without one, the whole locale (with the translation's tag).
 */
const DecisionForm = z.object({
  decision: ReviewBody.shape.decision,
  comment: ReviewBody.shape.comment,
  segment: SegmentId.optional(),
  version: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  etag: z.string().max(200).optional(),
});

export function reviewRoutes(ctx: OperationContext, providers: ProviderSet, routes: Routes) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/review/:locale';

  /** `page`: the page of segments to show; else the one in `?page=`. */
  const show = async (c: Context<PageEnv>, extra: { error?: unknown; page?: number } = {}) => {
    const { slug, locale } = c.req.param() as { slug: string; locale: string };
    const vars = varsOf(c);
    const statement = await getStatement(ctx, slug);
    const page = pageWithin(extra.page ?? pageAsked(c.req.query('page')), statement.segments.length);
    const translation = await getTranslation(ctx, slug, locale, { limit: segmentsPerPage, offset: (page - 1) * segmentsPerPage, comments: true, history: true });
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
        comments={translation.comments}
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
      pageStatus(error),
    );
  };

  app.get(path, (c) => show(c));

  /** The page of segments a decision returns to: the segment's, else the one in `?page=` (the locale-wide form's). */
  const pageOf = async (slug: string, segmentId: string | undefined, c: Context<PageEnv>) =>
    segmentId ? pageOfIndex((await getStatement(ctx, slug)).segments.findIndex((s) => s.id === segmentId)) : pageAsked(c.req.query('page'));

  app.post(`${path}/decision`, async (c) => {
    const { slug, locale } = c.req.param();
    const body = await c.req.parseBody();
    const segment = textField(body, 'segment') || undefined;
    try {
      // What the reviewer saw: the segment's version, or the whole translation's tag.
      const { decision, comment, version, etag } = formInput(DecisionForm, {
        decision: body.decision,
        comment: textField(body, 'comment').trim() || undefined,
        segment,
        version: optionalField(body, 'version'),
        etag: optionalField(body, 'etag'),
      });
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
    const segment = textField(body, 'segment');
    try {
      // The API's body schema (OverrideBody).
      const form = formInput(OverrideBody, { rule: body.rule, reason: body.reason, segmentId: optionalField(body, 'segment') });
      await overrideFinding(ctx, sessionOf(c).actor, { slug, locale, rule: form.rule, reason: form.reason, ...(form.segmentId ? { segmentId: form.segmentId } : {}) });
      return c.redirect(`${withPage(`/statements/${slug}/review/${locale}`, await pageOf(slug, segment || undefined, c), 'done=overridden')}${segment ? `#seg-${segment}` : ''}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error, page: await pageOf(slug, segment || undefined, c) });
    }
  });

  return app;
}
