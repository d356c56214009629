/**
 * The team page (admins): every user with roles per locale, whether active; create a user
 * (roles per locale); give a new token (the old ones stop working), revoke, and invite with a
 * one-time sign-in link (shown once on the page that made it); how each appears as a reviewer
 * on readers' pages.
 */
import type { UserSummary } from '../../src/operations/users.ts';
import { roleNames } from '../../src/workflow/roles.ts';
import { reviewerDisplays } from '../../src/publishing/edition-footer.ts';
import { DatedMessage } from './date-time.tsx';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { ErrorText } from './error-text.ts';
import type { PageVars } from './page-env.ts';

export interface UsersPageProps {
  vars: PageVars;
  users: UserSummary[];
  /** Something to hand over once: a new token or a sign-in link. */
  secret?: { kind: 'token' | 'link'; name: string; value: string; expiresAt?: string } | undefined;
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function UsersPage({ vars, users, secret, error, done }: UsersPageProps) {
  const { t } = vars;
  return (
    <Layout vars={vars} title={t('users.title')} path="/users">
      <Notice error={error} done={done} />
      {secret && (
        <section class="secret" aria-labelledby="secret-heading" data-kind={secret.kind}>
          <h2 id="secret-heading">{secret.kind === 'link' ? t('users.linkFor', { name: secret.name }) : t('users.tokenFor', { name: secret.name })}</h2>
          <p>
            <label for="secret-value">{secret.kind === 'link' ? t('users.link') : t('users.token')}</label>
            <input id="secret-value" class="secret-value" readonly value={secret.value} size={70} dir="ltr" />
          </p>
          <p class="help">{secret.kind === 'link' ? <DatedMessage vars={vars} message="users.linkHelp" dates={{ expiresAt: secret.expiresAt ?? '' }} /> : t('users.tokenHelp')}</p>
        </section>
      )}
      <table class="users">
        <caption>{t('users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.roles')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr data-user={u.id} data-name={u.name}>
              <th scope="row">{u.name}</th>
              <td>
                <ul class="roles">
                  {u.roles.map((r) => (
                    <li>{t('users.roleIn', { role: t(`users.role.${r.role}`), locale: r.locale === '*' ? t('users.everyLocale') : r.locale })}</li>
                  ))}
                </ul>
              </td>
              <td class="status">{u.revokedAt ? t('users.revoked') : t('users.active', { tokens: u.activeTokens, links: u.pendingLinks })}</td>
              <td class="user-actions">
                {!u.revokedAt && (
                  <form method="post" action={`/users/${u.id}/sign-in-links`}>
                    <CsrfField vars={vars} />
                    <button type="submit" class="invite">{t('users.invite')}</button>
                  </form>
                )}
                <form method="post" action={`/users/${u.id}/token`}>
                  <CsrfField vars={vars} />
                  <button type="submit" class="rotate">{u.revokedAt ? t('users.restore') : t('users.rotate')}</button>
                </form>
                {/* How the person appears as a reviewer on readers' pages: never more than the site shows. */}
                <form method="post" action={`/users/${u.id}/reviewer-display`} class="reviewer-display">
                  <CsrfField vars={vars} />
                  <label for={`reviewer-display-${u.id}`}>{t('users.reviewerDisplay')}</label>{' '}
                  <select id={`reviewer-display-${u.id}`} name="reviewer_display">
                    {(['', ...reviewerDisplays] as const).map((d) => (
                      <option value={d} selected={(u.reviewerDisplay ?? '') === d}>{t(d === '' ? 'users.reviewerDisplaySite' : `users.reviewerDisplay${d[0]!.toUpperCase()}${d.slice(1)}`)}</option>
                    ))}
                  </select>{' '}
                  <button type="submit">{t('users.reviewerDisplaySave')}</button>
                </form>
                {!u.revokedAt && u.id !== vars.session?.actor.id && (
                  <form method="post" action={`/users/${u.id}/revoke`}>
                    <CsrfField vars={vars} />
                    <button type="submit" class="revoke">{t('users.revoke')}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="create-heading" class="create-user">
        <h2 id="create-heading">{t('users.create')}</h2>
        <form method="post" action="/users">
          <CsrfField vars={vars} />
          <p>
            <label for="user-name">{t('users.name')}</label>
            <input id="user-name" name="name" required maxlength={200} />
          </p>
          <fieldset>
            <legend>{t('users.rolesLegend')}</legend>
            <p class="help" id="roles-help">{t('users.rolesHelp')}</p>
            {roleNames.map((role) => (
              <p>
                <label for={`role-${role}`}>{t(`users.role.${role}`)}</label>
                <input id={`role-${role}`} name={`role_${role}`} placeholder={role === 'admin' ? '*' : 'fr, ar'} aria-describedby="roles-help" dir="ltr" />
              </p>
            ))}
          </fieldset>
          <p>
            <label>
              <input type="checkbox" name="invite" value="1" checked /> {t('users.inviteNow')}
            </label>
          </p>
          <button type="submit">{t('users.createSubmit')}</button>
        </form>
      </section>
    </Layout>
  );
}

/** The page a sign-in link opens: who it signs in, and a button (a GET never spends the link). */
export function SignInLinkPage({ vars, name, token, error }: { vars: PageVars; name?: string | undefined; token: string; error?: ErrorText | undefined }) {
  const { t } = vars;
  return (
    <Layout vars={vars} title={t('signInLink.title')} path="/sign-in">
      <Notice error={error} />
      {name !== undefined && (
        <form method="post" action={`/sign-in/link/${token}`} class="sign-in-link-form">
          <CsrfField vars={vars} />
          <p>{t('signInLink.as', { name })}</p>
          <button type="submit">{t('signInLink.submit')}</button>
        </form>
      )}
      {error && (
        <p>
          <a href="/sign-in">{t('signInLink.withToken')}</a>
        </p>
      )}
    </Layout>
  );
}
