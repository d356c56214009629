/**
 * The webhooks pages (admins): every subscription with a form to add one (the signing
 * secret is shown once, right after), and a webhook's delivery log, newest first.
 */
import type { WebhookEvent } from '../../src/webhooks/events.ts';
import { DateTime } from './date-time.tsx';
import type { ErrorText } from './error-text.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { PageVars } from './page-env.ts';

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
  disabledAt: string | null;
}

export interface DeliveryView {
  id: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhooksPageProps {
  vars: PageVars;
  webhooks: WebhookView[];
  events: readonly string[];
  created?: { url: string; secret: string } | undefined;
  url?: string | undefined;
  error?: ErrorText | undefined;
}

export function WebhooksPage({ vars, webhooks, events, created, url, error }: WebhooksPageProps) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`manage:webhooks.${key}`, args);
  return (
    <Layout vars={vars} title={t('title')} path="/webhooks">
      <Notice error={error} />
      {created && (
        <div class="notice notice-done" role="status">
          <p>{t('created', { url: created.url })}</p>
          <p>
            {t('secret')} <code class="webhook-secret" dir="ltr">{created.secret}</code>
          </p>
        </div>
      )}
      <section aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">{t('list')}</h2>
        {webhooks.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <table class="webhooks">
            <thead>
              <tr>
                <th scope="col">{t('url')}</th>
                <th scope="col">{t('events')}</th>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">{t('deliveries')}</th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((w) => (
                <tr data-webhook-id={w.id}>
                  <td dir="ltr">{w.url}</td>
                  <td dir="ltr">{w.events.join(', ')}</td>
                  <td>
                    <DateTime lang={vars.lang} iso={w.createdAt} />
                  </td>
                  <td>
                    <a href={`/webhooks/${encodeURIComponent(w.id)}`}>{t('log')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="add-webhook-heading">
        <h2 id="add-webhook-heading">{t('add')}</h2>
        <form method="post" action="/webhooks" class="webhook-form">
          <CsrfField vars={vars} />
          <p>
            <label for="webhook-url">{t('url')}</label>
            <input id="webhook-url" name="url" type="url" required maxlength={2000} dir="ltr" value={url ?? ''} />
          </p>
          <fieldset>
            <legend>{t('events')}</legend>
            {events.map((e) => (
              <p>
                <input type="checkbox" id={`event-${e}`} name="events" value={e} checked />
                <label for={`event-${e}`} dir="ltr">
                  {e}
                </label>
              </p>
            ))}
          </fieldset>
          <button type="submit">{t('addSubmit')}</button>
        </form>
      </section>
    </Layout>
  );
}

export function DeliveriesPage({ vars, webhook, deliveries }: { vars: PageVars; webhook: WebhookView; deliveries: DeliveryView[] }) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`manage:webhooks.${key}`, args);
  const when = (iso: string | null) => (iso ? <DateTime lang={vars.lang} iso={iso} /> : '—');
  return (
    <Layout vars={vars} title={t('logTitle')} path={`/webhooks/${webhook.id}`}>
      <p>
        <span dir="ltr">{webhook.url}</span> · <a href="/webhooks">{t('back')}</a>
      </p>
      {deliveries.length === 0 ? (
        <p>{t('noDeliveries')}</p>
      ) : (
        <table class="deliveries">
          <thead>
            <tr>
              <th scope="col">{t('event')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('attempts')}</th>
              <th scope="col">{t('lastAnswer')}</th>
              <th scope="col">{t('createdAt')}</th>
              <th scope="col">{t('lastAttempt')}</th>
              <th scope="col">{t('nextAttempt')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr data-delivery-id={d.id} data-status={d.status}>
                <td dir="ltr">{d.event}</td>
                <td>{t(`state.${d.status}`)}</td>
                <td>{d.attempts}</td>
                <td dir="ltr">{d.lastStatus ?? d.lastError ?? '—'}</td>
                <td>{when(d.createdAt)}</td>
                <td>{when(d.lastAttemptAt)}</td>
                <td>{when(d.nextAttemptAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
