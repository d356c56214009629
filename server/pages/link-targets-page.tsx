/**
 * The link targets page: choose a locale, see its map (source URL → the URL its editions
 * link to instead), and replace the map: one pair a line, the source URL, a space, the
 * target URL. Saving is for the locale's publishers (the operation decides).
 */
import type { ErrorText } from './error-text.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { PageVars } from './page-env.ts';

export interface LinkTargetsPageProps {
  vars: PageVars;
  locale: string | undefined;
  targets: Record<string, string>;
  /** The textarea's text (what was sent, after a refusal). */
  text: string;
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function LinkTargetsPage({ vars, locale, targets, text, error, done }: LinkTargetsPageProps) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`manage:linkTargets.${key}`, args);
  const entries = Object.entries(targets);
  return (
    <Layout vars={vars} title={t('title')} path={locale ? `/link-targets?locale=${encodeURIComponent(locale)}` : '/link-targets'}>
      <Notice error={error} done={done} />
      <form method="get" action="/link-targets" class="locale-choice">
        <label for="locale-choice">{t('locale')}</label>
        <input id="locale-choice" name="locale" value={locale ?? ''} required maxlength={50} />
        <button type="submit">{t('show')}</button>
      </form>
      {locale && (
        <>
          <section aria-labelledby="targets-heading">
            <h2 id="targets-heading">{t('mapOf', { locale })}</h2>
            {entries.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <table class="link-targets">
                <thead>
                  <tr>
                    <th scope="col">{t('source')}</th>
                    <th scope="col">{t('target')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map(([from, to]) => (
                    <tr>
                      <td dir="ltr">{from}</td>
                      <td dir="ltr">{to}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="edit-heading">
            <h2 id="edit-heading">{t('edit')}</h2>
            <form method="post" action="/link-targets" class="link-targets-form">
              <CsrfField vars={vars} />
              <input type="hidden" name="locale" value={locale} />
              <p>
                <label for="targets">{t('pairs')}</label>
                <textarea id="targets" name="targets" rows={10} dir="ltr" aria-describedby="targets-help">
                  {text}
                </textarea>
                <span id="targets-help" class="help">
                  {t('pairsHelp')}
                </span>
              </p>
              <button type="submit">{t('save')}</button>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}
