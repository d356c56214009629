/**
 * The translate page and what it posts: open a locale, save one segment (JSON for pages.js,
 * or a plain form post), submit for review, request machine drafts. Thin: each handler calls
 * one operation and shows the page again, or its refusal in the user's language.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../src/errors.ts';
import type { DraftRunner } from '../../src/jobs/runner.ts';
import { offeredProviders, resolveProvider, type ProviderSet, type Routes } from '../../src/mt/routing.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import type { FindingView } from '../../src/operations/quality.ts';
import { getStatement, getTranslation, type TranslationSegmentView } from '../../src/operations/read-statements.ts';
import { getJob, requestDrafts } from '../../src/operations/request-drafts.ts';
import { startTranslation } from '../../src/operations/start-translation.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { ifMatchVersion } from '../if-match.ts';
import { DraftsBody, EditSegment } from '../schemas.ts';
import { formInput, optionalField } from './form-input.ts';
import { errorStatus, errorText, pageStatus } from './error-text.ts';
import { findingMessage } from './findings-list.tsx';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import type { TwinOffer } from './segment-editor.tsx';
import { pageAsked, pageOfIndex, pageWithin, segmentsPerPage, withPage } from './segment-pages.tsx';
import { filterQuery, needsWork, passesFilter, TranslatePage, type SegmentFilter } from './translate-page.tsx';

/** The segment form: the API's EditSegment, with the version read (If-Match's value) and where to go next. */
const SegmentForm = EditSegment.extend({ version: z.string().max(100).optional(), then: z.string().max(20).optional() });

export interface DraftDeps {
  providers: ProviderSet;
  routes: Routes;
  runner: DraftRunner;
  /** Offer development engines (`pseudo`) in the menu (config.environment). */
  development?: boolean;
}

const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');

/** The filter of `?state=` and `?finding=` (empty: all). */
const filterOf = (c: Context): SegmentFilter => ({ state: c.req.query('state')?.trim() ?? '', finding: c.req.query('finding')?.trim() ?? '' });
const filtering = (filter: SegmentFilter) => filter.state !== '' || filter.finding !== '';

export function translateRoutes(ctx: OperationContext, drafts: DraftDeps) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/translate/:locale';

  /**
   * After a segment is saved: its twins (the same source text: the title and the H1) whose text
   * is not the one saved, or not yet a person's (a machine draft, none, stale), to offer it to
   * with one click (the same edit).
   */
  const twinOffersOf = async (slug: string, locale: string, segment: TranslationSegmentView): Promise<TwinOffer[]> => {
    if (segment.context.twins.length === 0 || segment.text === null) return [];
    const numbers = new Map(segment.context.twins.map((twin) => [twin.id, twin.n]));
    const twins = (await getTranslation(ctx, slug, locale, { segmentIds: [...numbers.keys()], edition: false })).segments;
    return twins.filter((twin) => twin.text !== segment.text || needsWork(twin.state)).map((twin) => ({ id: twin.id, n: numbers.get(twin.id)!, version: twin.version }));
  };

  /** `page`: the page of segments to show; else the one in `?page=`. */
  const show = async (c: Context<PageEnv>, extra: { error?: unknown; done?: string; page?: number } = {}) => {
    const { slug, locale } = c.req.param() as { slug: string; locale: string };
    const vars = varsOf(c);
    const statement = await getStatement(ctx, slug);
    const filter = filterOf(c);
    let translation = null;
    // With a filter, the pages are those of the segments of the whole statement that pass it (read once to choose them).
    let matching: string[] | null = null;
    let page = 1;
    try {
      if (filtering(filter)) matching = (await getTranslation(ctx, slug, locale, { edition: false })).segments.filter((s) => passesFilter(s, filter)).map((s) => s.id);
      page = pageWithin(extra.page ?? pageAsked(c.req.query('page')), matching?.length ?? statement.segments.length);
      const from = (page - 1) * segmentsPerPage;
      const read = await getTranslation(ctx, slug, locale, { ...(matching ? { segmentIds: matching.slice(from, from + segmentsPerPage) } : { limit: segmentsPerPage, offset: from }), suggestions: true, comments: true, history: true });
      translation = matching ? { ...read, total: matching.length, offset: from } : read;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'translation_not_found')) throw error;
    }
    // Just saved without script (`?saved=`): the offers to its twins.
    const saved = translation?.segments.find((s) => s.id === c.req.query('saved'));
    const twinOffers = saved ? new Map([[saved.id, await twinOffersOf(slug, translation!.locale, saved)]]) : undefined;
    // The engine a draft request without a chosen engine would use: the draft job's own routing.
    const routed = await resolveProvider(drafts.providers, drafts.routes, statement.sourceLocale, translation?.locale ?? locale);
    const jobId = c.req.query('job');
    const job = jobId ? await getJob(ctx, jobId).catch(() => null) : null;
    const error = extra.error === undefined ? undefined : errorText(vars.t, extra.error);
    const doneKey = c.req.query('done');
    const done = extra.done ?? (doneKey === 'saved' || doneKey === 'submitted' ? vars.t(`translate.done.${doneKey}`) : doneKey === 'none' ? vars.t('flow.noneNeedWork') : undefined);
    // A refused submission names the segments not ready, each linked on the page it is on.
    const pending = extra.error instanceof DomainError && extra.error.code === 'not_ready_to_submit' && Array.isArray(extra.error.details.segments) ? (extra.error.details.segments as { segmentId: string; state: string }[]) : [];
    const indexOf = new Map(statement.segments.map((s, i) => [s.id, i]));
    const notReady = pending.map((s) => ({ id: s.segmentId, n: (indexOf.get(s.segmentId) ?? 0) + 1, page: pageOfIndex(indexOf.get(s.segmentId) ?? 0), state: s.state }));
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
        providers={(await offeredProviders(drafts.providers, drafts.routes, statement.sourceLocale, translation?.locale ?? locale, { development: drafts.development ?? false })).map((p) => ({ id: p.id, label: p.label }))}
        defaultEngine={routed.provider ? { id: routed.provider.id, label: routed.provider.label } : null}
        job={job}
        error={error}
        done={done}
        filter={filter}
        numbers={indexOf}
        twinOffers={twinOffers}
        statementTotal={statement.segments.length}
        notReady={notReady}
      />,
      pageStatus(extra.error),
    );
  };

  /**
   * Where a form post about a segment returns (the page within the filter, and the segment to
   * scroll to): the segment itself, or with `onward` ("Save and next", "Confirm as is") the next
   * one listed after it (none after the last: the submit button). A segment the filter no longer
   * lists once saved (a machine draft, now translated) returns to where it was: the next listed.
   */
  const landing = async (slug: string, locale: string, segmentId: string, onward: boolean, filter: SegmentFilter): Promise<{ page: number; anchor: string }> => {
    const all: readonly { id: string }[] = filtering(filter) ? (await getTranslation(ctx, slug, locale, { edition: false })).segments : (await getStatement(ctx, slug)).segments;
    const at = all.findIndex((s) => s.id === segmentId);
    const listed = filtering(filter) ? (all as TranslationSegmentView[]).filter((s) => passesFilter(s, filter)) : all;
    const position = new Map(all.map((s, i) => [s.id, i]));
    const next = listed.findIndex((s) => (onward ? position.get(s.id)! > at : position.get(s.id)! >= at));
    if (next === -1) return { page: pageOfIndex(filtering(filter) ? listed.length - 1 : at), anchor: onward ? 'submit' : `seg-${segmentId}` };
    return { page: pageOfIndex(next), anchor: `seg-${listed[next]!.id}` };
  };

  app.get('/statements/:slug/translate', (c) => {
    const locale = c.req.query('locale')?.trim() ?? '';
    return c.redirect(`/statements/${encodeURIComponent(c.req.param('slug'))}/translate/${encodeURIComponent(locale)}`, 303);
  });

  app.get(path, (c) => show(c));

  // The next segment that needs work after `after` (in document order, within the filter; from
  // the top when none is left after it), on whatever page it is: the link pages.js follows when
  // none is left on the page shown, and a plain link without script.
  app.get(`${path}/next-work`, async (c) => {
    const { slug, locale } = c.req.param();
    const filter = filterOf(c);
    const base = `/statements/${slug}/translate/${locale}`;
    const query = filterQuery(filter);
    let all;
    try {
      all = (await getTranslation(ctx, slug, locale, { edition: false })).segments;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'translation_not_found')) throw error;
      return c.redirect(base, 303);
    }
    const position = new Map(all.map((s, i) => [s.id, i]));
    const after = position.get(c.req.query('after') ?? '') ?? -1;
    const listed = all.filter((s) => passesFilter(s, filter));
    const target = listed.find((s) => position.get(s.id)! > after && needsWork(s.state)) ?? listed.find((s) => needsWork(s.state));
    if (!target) return c.redirect(withPage(base, 1, [query, 'done=none'].filter((q) => q !== '').join('&')), 303);
    const page = filtering(filter) ? pageOfIndex(listed.indexOf(target)) : pageOfIndex(position.get(target.id)!);
    return c.redirect(`${withPage(base, page, query)}#seg-${target.id}`, 303);
  });

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
    let text = '';
    let versionRead: string | undefined;
    let then: unknown;
    try {
      // The API's body schema (EditSegment): a form without its text is refused as the API refuses it.
      if ((c.req.header('content-type') ?? '').startsWith('application/json')) {
        text = formInput(EditSegment, await c.req.json()).text;
        versionRead = c.req.header('if-match');
      } else {
        const body = await c.req.parseBody();
        const form = formInput(SegmentForm, { text: body.text, version: optionalField(body, 'version'), then: optionalField(body, 'then') });
        text = form.text;
        versionRead = form.version;
        then = form.then;
      }
      // The operation refuses a broken placeholder (placeholders_broken), as it does for the API.
      await editSegment(ctx, sessionOf(c).actor, { slug, locale, segmentId, text, expectedVersion: ifMatchVersion(versionRead) });
      if (!json) {
        // "Save and next" and "Confirm as is" without script: on to the next segment (the submit button after the last),
        // within the filter the form was posted from (its action keeps it).
        const filter = filterOf(c);
        const { page, anchor } = await landing(slug, locale, segmentId, then === 'next' || then === 'confirm', filter);
        // Back on the page: the saved segment offers its text to its twins (`saved=`).
        const query = [filterQuery(filter), `saved=${encodeURIComponent(segmentId)}&done=saved`].filter((q) => q !== '').join('&');
        return c.redirect(`${withPage(`/statements/${slug}/translate/${locale}`, page, query)}#${anchor}`, 303);
      }
      const translation = await getTranslation(ctx, slug, locale, { segmentIds: [segmentId] });
      const segment = translation.segments[0]!;
      const twins = await twinOffersOf(slug, locale, segment);
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
        // Its twins whose text is not this one: pages.js offers each a button that saves this text as theirs.
        twins: twins.map((twin) => ({ ...twin, text: segment.text, action: `/statements/${encodeURIComponent(slug)}/translate/${encodeURIComponent(locale)}/segments/${encodeURIComponent(twin.id)}`, label: t('segment.useForTwin', { n: twin.n }) })),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (!json) return show(c, { error, page: (await landing(slug, locale, segmentId, false, filterOf(c))).page });
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
    try {
      // The API's body schema (DraftsBody); the form's empty choice is "the configured route".
      const { provider } = formInput(DraftsBody.pick({ provider: true }), { provider: optionalField(await c.req.parseBody(), 'provider') });
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
