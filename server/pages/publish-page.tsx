/**
 * The publish page of a statement: its locales (the source and each translation) with how
 * far each is approved, a choice of the ready ones, an embargo time (UTC), the reason that
 * lets an edition past the unreviewed-machine-text gate, a preview of each edition, and the
 * editions published so far.
 */
import type { EditionPreview as Preview } from '../../src/operations/preview-edition.ts';
import { DatedMessage } from './date-time.tsx';
import { EditionPreview } from './edition-preview.tsx';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { ErrorText } from './error-text.ts';
import type { PageVars } from './page-env.ts';
import { WithdrawLink } from './team-nav.tsx';
import { can } from '../../src/workflow/roles.ts';

export interface PublishedEdition {
  /** For the withdraw link (withdraw-routes.tsx). */
  id?: string;
  locale: string;
  publishedAt: string;
  visibleFrom: string;
  withdrawnAt: string | null;
  hash: string;
}

export interface PublishProps {
  vars: PageVars;
  slug: string;
  title: string;
  previews: Preview[];
  editions: PublishedEdition[];
  error?: ErrorText | undefined;
  done?: string | undefined;
  /** Scheduled editions the publication just made overtook: they will not be released. */
  overtaken?: { locale: string; visibleFrom: string }[];
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function PublishPage({ vars, slug, title, previews, editions, error, done, overtaken = [] }: PublishProps) {
  const { t } = vars;
  const base = `/statements/${slug}/publish`;
  // Publishing is offered for the locales the person publishes (the operation decides: can()).
  const actor = vars.session?.actor;
  const mayPublish = (locale: string) => (actor ? can(actor, 'publish', locale) : false);
  return (
    <Layout vars={vars} title={t('publish.title', { title })} path={base}>
      <Notice error={error} done={done} />
      {overtaken.length > 0 && (
        <ul class="notice publish-overtaken" role="status">
          {overtaken.map((o) => (
            <li data-locale={o.locale}>
              <DatedMessage vars={vars} message="publish.overtakes" args={{ locale: o.locale }} dates={{ scheduled: o.visibleFrom }} />
            </li>
          ))}
        </ul>
      )}
      {!previews.some((p) => mayPublish(p.locale)) ? (
        <p class="publish-not-yours">{t('team.publishNotYours')}</p>
      ) : (
      <form method="post" action={base} class="publish-form">
        <CsrfField vars={vars} />
        <fieldset>
          <legend>{t('publish.locales')}</legend>
          <ul class="publish-locales">
            {previews.map((p) => {
              const ready = p.approved === p.segments;
              const mine = mayPublish(p.locale);
              // The source language is published with the others by default (a reader asking for it
              // must not get a translation), unless an edition of it is live already.
              const sourceLive = p.source && editions.some((e) => e.locale === p.locale && e.withdrawnAt === null);
              return (
                <li>
                  <input type="checkbox" id={`publish-${p.locale}`} name="locales" value={p.locale} disabled={!ready || !mine} checked={ready && mine && !sourceLive} />
                  <label for={`publish-${p.locale}`}>
                    <strong>{p.locale}</strong>{' '}
                    {p.source
                      ? t('publish.source')
                      : t('publish.approved', { approved: p.approved, total: p.segments, share: percent(p.unreviewedMachineShare) })}
                    {!ready && ` — ${t('publish.notReady')}`}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        <p>
          <label for="embargo">{t('publish.embargo')}</label>
          <input id="embargo" name="embargo" type="datetime-local" step={1} aria-describedby="embargo-help" />
          <span id="embargo-help" class="help">
            {t('publish.embargoHelp')}
          </span>
        </p>
        <p>
          <label for="override">{t('publish.override')}</label>
          <textarea id="override" name="override" rows={2} aria-describedby="override-help"></textarea>
          <span id="override-help" class="help">
            {t('publish.overrideHelp')}
          </span>
        </p>
        <button type="submit">{t('publish.submit')}</button>
      </form>
      )}
      <section aria-labelledby="editions-heading">
        <h2 id="editions-heading">{t('publish.editions')}</h2>
        {editions.length === 0 ? (
          <p>{t('publish.noEditions')}</p>
        ) : (
          <ul class="editions">
            {editions.map((e) => (
              <li data-locale={e.locale}>
                <a href={`/published/${slug}/${e.locale}.html`} lang={e.locale}>
                  {e.locale}
                </a>{' '}
                <DatedMessage vars={vars} message="publish.editionLine" dates={{ published: e.publishedAt, visible: e.visibleFrom }} />
                {!e.withdrawnAt && e.id && <WithdrawLink vars={vars} slug={slug} editionId={e.id} locale={e.locale} />}
                {e.withdrawnAt && (
                  <>
                    {' — '}
                    <DatedMessage vars={vars} message="publish.withdrawn" dates={{ at: e.withdrawnAt }} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="previews-heading">
        <h2 id="previews-heading">{t('publish.previews')}</h2>
        {previews.map((p) => (
          <>
            <h3>{t('publish.previewOf', { locale: p.locale })}</h3>
            <EditionPreview html={p.html} locale={p.locale} t={t} />
          </>
        ))}
      </section>
    </Layout>
  );
}
