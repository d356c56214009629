/** The publish page (GET) and the publication (POST: locales, embargo time in UTC, override reason). */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { previewEdition } from '../../src/operations/preview-edition.ts';
import { publish } from '../../src/operations/publish.ts';
import { getStatement, listEditions } from '../../src/operations/read-statements.ts';
import { PublishBody } from '../schemas.ts';
import { errorText, pageStatus } from './error-text.ts';
import { formInput, textField } from './form-input.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { PublishPage } from './publish-page.tsx';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';

/** `2026-05-01T09:30` or `…:30:15` from a datetime-local field, read as UTC. */
export function embargoFromField(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00Z` : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(v) ? `${v}Z` : v;
}

export function publishRoutes(ctx: OperationContext, onPublished: (slug: string) => void) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/publish';

  const show = async (c: Context<PageEnv>, extra: { error?: unknown } = {}) => {
    const slug = c.req.param('slug')!;
    const vars = varsOf(c);
    const statement = await getStatement(ctx, slug);
    const locales = [statement.sourceLocale, ...Object.keys(statement.locales).filter((l) => l !== statement.sourceLocale).sort()];
    const previews = [];
    for (const locale of locales) previews.push(await previewEdition(ctx, slug, locale));
    const editions = await listEditions(ctx, slug);
    const done = c.req.query('done') === 'published' ? vars.t('publish.done') : c.req.query('done') === 'withdrawn' ? vars.t('manage:withdraw.done') : undefined;
    // Named by the publication just made (ids of this statement's editions; anything else is ignored).
    const overtakenIds = done && c.req.query('done') === 'published' ? new Set(c.req.queries('overtaken') ?? []) : new Set<string>();
    const overtaken = editions.filter((e) => overtakenIds.has(e.id)).map((e) => ({ locale: e.locale, visibleFrom: e.visibleFrom }));
    return renderPage(
      c,
      <PublishPage
        vars={vars}
        slug={statement.slug}
        title={statement.title ?? statement.slug}
        previews={previews}
        editions={editions.map((e) => ({ id: e.id, locale: e.locale, publishedAt: e.publishedAt, visibleFrom: e.visibleFrom, withdrawnAt: e.withdrawnAt, hash: e.hash }))}
        error={extra.error === undefined ? undefined : errorText(vars.t, extra.error)}
        done={done}
        overtaken={overtaken}
      />,
      pageStatus(extra.error),
    );
  };

  app.get(path, (c) => show(c));

  app.post(path, async (c) => {
    const slug = c.req.param('slug');
    const body = await c.req.parseBody({ all: true });
    try {
      // The API's body schema (PublishBody): no locale ticked is refused as the API refuses an empty list.
      const embargo = typeof body.embargo === 'string' ? embargoFromField(body.embargo) : undefined;
      const reason = textField(body, 'override').trim();
      const input = formInput(PublishBody, { locales: ([] as unknown[]).concat(body.locales ?? []), ...(embargo ? { embargoUntil: embargo } : {}), ...(reason ? { override: { reason } } : {}) });
      const { editions } = await publish(ctx, sessionOf(c).actor, { slug, ...input });
      onPublished(slug);
      // The scheduled editions this publication overtook, said on the page it redirects to.
      const overtaken = editions.flatMap((e) => e.overtakes.map((o) => `&overtaken=${encodeURIComponent(o.editionId)}`)).join('');
      return c.redirect(`/statements/${slug}/publish?done=published${overtaken}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error });
    }
  });

  return app;
}
