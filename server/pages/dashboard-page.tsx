/** The dashboard per locale: translated and approved percentages, what waits for review, what went stale. */
import type { LocaleDashboard } from '../../src/operations/dashboard.ts';
import { Layout } from './layout.tsx';
import type { PageVars } from './page-env.ts';

export function DashboardPage({ vars, locales, canReview }: { vars: PageVars; locales: LocaleDashboard[]; canReview: (locale: string) => boolean }) {
  const { t } = vars;
  return (
    <Layout vars={vars} title={t('dashboard.title')} path="/dashboard">
      {locales.length === 0 ? (
        <p class="dashboard-empty">{t('dashboard.none')}</p>
      ) : (
        locales.map((l) => (
          <section class="dashboard-locale" data-locale={l.locale} aria-labelledby={`locale-${l.locale}`}>
            <h2 id={`locale-${l.locale}`}>
              <span dir="ltr">{l.locale}</span>
            </h2>
            <p class="summary">{t('dashboard.summary', { statements: l.statements, segments: l.segments })}</p>
            <p>
              <label for={`translated-${l.locale}`}>{t('dashboard.translated', { percent: l.translatedPercent })}</label>{' '}
              <progress id={`translated-${l.locale}`} class="translated" max={100} value={l.translatedPercent}>
                {l.translatedPercent}%
              </progress>
            </p>
            <p>
              <label for={`approved-${l.locale}`}>{t('dashboard.approved', { percent: l.approvedPercent })}</label>{' '}
              <progress id={`approved-${l.locale}`} class="approved" max={100} value={l.approvedPercent}>
                {l.approvedPercent}%
              </progress>
            </p>
            <h3>{t('dashboard.awaitingReview')}</h3>
            {l.awaitingReview.length === 0 ? (
              <p>{t('dashboard.nothing')}</p>
            ) : (
              <ul class="awaiting-review">
                {l.awaitingReview.map((s) => (
                  <li>
                    {canReview(l.locale) ? <a href={`/statements/${s.slug}/review/${l.locale}`}>{s.slug}</a> : s.slug} · {t('dashboard.segments', { count: s.segments })}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('dashboard.stale')}</h3>
            {l.stale.length === 0 ? (
              <p>{t('dashboard.nothing')}</p>
            ) : (
              <ul class="stale">
                {l.stale.map((s) => (
                  <li>
                    <a href={`/statements/${s.slug}/translate/${l.locale}`}>{s.slug}</a> · {t('dashboard.segments', { count: s.segments })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </Layout>
  );
}
