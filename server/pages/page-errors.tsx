/**
 * What a page request that fails shows: a page with the refusal in the user's words (or, for
 * the pages' own scripts, which ask for JSON, {ok: false, code, message}); an unexpected error
 * is logged and shown as the internal error.
 */
import type { Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import { errorStatus, errorText } from './error-text.ts';
import { Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { PageEnv } from './page-env.ts';
import { varsOf } from './page-env.ts';
import { directionOf, pageLanguage, pageTranslate } from './page-language.ts';
import { renderPage } from './render-page.ts';
import { logOf, requestIdOf } from '../middleware/request-log.ts';

export function pageError(error: Error, c: Context<PageEnv>) {
  if (!(error instanceof DomainError)) logOf(c).error({ reqId: requestIdOf(c), err: error }, 'unexpected error');
  if (!c.get('t')) {
    const lang = pageLanguage(c);
    c.set('lang', lang);
    c.set('dir', directionOf(lang));
    c.set('t', pageTranslate(lang));
    c.set('session', null);
  }
  const vars = varsOf(c);
  const shown = errorText(vars.t, error);
  if ((c.req.header('accept') ?? '').includes('application/json')) {
    return c.json({ ok: false, code: shown.code, message: shown.message, items: shown.items }, errorStatus(error));
  }
  return renderPage(
    c,
    <Layout vars={vars} title={vars.t('error.title')} path="/statements">
      <Notice error={shown} />
      <p>
        <a href={vars.session ? '/statements' : '/sign-in'}>{vars.t('error.back')}</a>
      </p>
    </Layout>,
    errorStatus(error),
  );
}
