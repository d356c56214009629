/**
 * The frame of every page: <html lang dir> in the user's language, a skip link, the
 * navigation, the signed-in user with a sign-out form, the language chooser, the CSRF token
 * for scripts (a meta element), the stylesheet, the page script and the editor's bundle, all
 * served from /assets.
 */
import type { Child } from 'hono/jsx';
import { uiLanguages } from '../i18n.ts';
import type { PageVars } from './page-env.ts';
import { can } from '../../src/workflow/roles.ts';
import { TeamLinks } from './team-nav.tsx';
import { editorBundle } from './client-bundle.ts';

export interface LayoutProps {
  vars: PageVars;
  title: string;
  /** The path to come back to after choosing a language. */
  path: string;
  children?: Child;
}

/** Each language named in itself (English, Français, العربية, Español, فارسی…), for any locale directory. */
export function languageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

export function CsrfField({ vars }: { vars: PageVars }) {
  return vars.session ? <input type="hidden" name="_csrf" value={vars.session.csrfToken} /> : null;
}

export function Layout({ vars, title, path, children }: LayoutProps) {
  const { t, session } = vars;
  return (
    <html lang={vars.lang} dir={vars.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {session && <meta name="csrf-token" content={session.csrfToken} />}
        <title>{`${title} · Editions`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/pages.css" />
        <script src="/assets/pages.js" defer></script>
        <script src={`/assets/${editorBundle().name}`} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <nav aria-label={t('layout.navigation')}>
            <a href="/statements" class="brand">
              Editions
            </a>
            {session && <a href="/statements">{t('layout.statements')}</a>}
            {session && <a href="/dashboard">{t('team.navDashboard')}</a>}
            {session && can(session.actor, 'manageUsers') && <a href="/users">{t('team.navUsers')}</a>}
            <TeamLinks vars={vars} />
          </nav>
          <form method="post" action="/language" class="language-form">
            <CsrfField vars={vars} />
            <input type="hidden" name="back" value={path} />
            <label for="language-select">{t('layout.language')}</label>
            <select id="language-select" name="lang">
              {uiLanguages.map((l) => (
                <option value={l} selected={l === vars.lang} lang={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
            <button type="submit">{t('layout.chooseLanguage')}</button>
          </form>
          {session && (
            <form method="post" action="/sign-out" class="sign-out-form">
              <CsrfField vars={vars} />
              <span class="who">{t('layout.signedInAs', { name: session.actor.name })}</span>
              <button type="submit">{t('layout.signOut')}</button>
            </form>
          )}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}
