/** The sign-in page: one field for an API token (a password field), and what went wrong. */
import { Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { ErrorText } from './error-text.ts';
import type { PageVars } from './page-env.ts';

export interface SignInProps {
  vars: PageVars;
  formToken: string;
  next: string;
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function SignInPage({ vars, formToken, next, error, done }: SignInProps) {
  const { t } = vars;
  return (
    <Layout vars={vars} title={t('signIn.title')} path="/sign-in">
      <Notice error={error} done={done} />
      <form method="post" action="/sign-in" class="sign-in-form">
        <input type="hidden" name="form_token" value={formToken} />
        <input type="hidden" name="next" value={next} />
        <p>
          <label for="token">{t('signIn.token')}</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required aria-describedby="token-help" />
        </p>
        <p id="token-help" class="help">
          {t('signIn.help')}
        </p>
        <button type="submit">{t('signIn.submit')}</button>
      </form>
    </Layout>
  );
}
