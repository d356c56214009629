/**
 * Withdrawing an edition from the pages: the publish page links each live edition to a
 * confirmation page (GET: the edition, a reason, "Withdraw"), whose POST withdraws it
 * (withdraw-edition.ts decides who may) and goes back to the publish page.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { listEditions } from '../../src/operations/read-statements.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { WithdrawBody } from '../schemas.ts';
import { DatedMessage } from './date-time.tsx';
import { errorText, pageStatus, type ErrorText } from './error-text.ts';
import { formInput, textField } from './form-input.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import { varsOf, type PageEnv, type PageVars } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';

const WithdrawForm = WithdrawBody.extend({ confirm: z.literal('yes') });

interface WithdrawPageProps {
  vars: PageVars;
  slug: string;
  edition: { id: string; locale: string; publishedAt: string; visibleFrom: string; withdrawnAt: string | null };
  reason: string;
  error?: ErrorText | undefined;
}

function WithdrawPage({ vars, slug, edition, reason, error }: WithdrawPageProps) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`manage:withdraw.${key}`, args);
  const action = `/statements/${slug}/editions/${encodeURIComponent(edition.id)}/withdraw`;
  return (
    <Layout vars={vars} title={t('title', { locale: edition.locale, slug })} path={action}>
      <Notice error={error} />
      <p>
        <DatedMessage vars={vars} message="publish.editionLine" dates={{ published: edition.publishedAt, visible: edition.visibleFrom }} />
      </p>
      {edition.withdrawnAt ? (
        <p>
          <DatedMessage vars={vars} message="publish.withdrawn" dates={{ at: edition.withdrawnAt }} />
        </p>
      ) : (
        <form method="post" action={action} class="withdraw-form">
          <CsrfField vars={vars} />
          <p>{t('explain')}</p>
          <p>
            <label for="reason">{t('reason')}</label>
            <textarea id="reason" name="reason" rows={3} required maxlength={2000} dir="auto">
              {reason}
            </textarea>
          </p>
          <p>
            <input type="checkbox" id="confirm" name="confirm" value="yes" required />
            <label for="confirm">{t('confirm', { locale: edition.locale })}</label>
          </p>
          <button type="submit" class="danger">
            {t('submit')}
          </button>
        </form>
      )}
      <p>
        <a href={`/statements/${slug}/publish`}>{t('back')}</a>
      </p>
    </Layout>
  );
}

export function withdrawRoutes(ctx: OperationContext, onWithdrawn: (slug: string) => void) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/editions/:id/withdraw';

  const show = async (c: Context<PageEnv>, extra: { reason?: string; error?: unknown } = {}) => {
    const slug = c.req.param('slug')!;
    const id = c.req.param('id')!;
    const edition = (await listEditions(ctx, slug)).find((e) => e.id === id);
    if (!edition) throw new DomainError('edition_not_found', `No edition ${id} of ${slug}`, { editionId: id });
    const vars = varsOf(c);
    return renderPage(
      c,
      <WithdrawPage vars={vars} slug={slug} edition={edition} reason={extra.reason ?? ''} error={extra.error === undefined ? undefined : errorText(vars.t, extra.error)} />,
      pageStatus(extra.error),
    );
  };

  app.get(path, (c) => show(c));

  app.post(path, async (c) => {
    const slug = c.req.param('slug');
    const body = await c.req.parseBody();
    const reason = textField(body, 'reason');
    try {
      const form = formInput(WithdrawForm, { reason, confirm: textField(body, 'confirm') });
      await withdrawEdition(ctx, sessionOf(c).actor, { slug, editionId: c.req.param('id'), reason: form.reason });
      onWithdrawn(slug);
      return c.redirect(`/statements/${encodeURIComponent(slug)}/publish?done=withdrawn`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden' || error.code === 'edition_not_found') throw error;
      return show(c, { reason, error });
    }
  });

  return app;
}
