/** The webhooks page (GET), adding a webhook (POST: the secret shown once), a webhook's delivery log. */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { createWebhook, listDeliveries, listWebhooks } from '../../src/operations/webhooks.ts';
import { webhookEvents } from '../../src/webhooks/events.ts';
import type { WebhookTargetPolicy } from '../../src/webhooks/target-policy.ts';
import { CreateWebhookBody } from '../routes/webhooks.ts';
import { errorText, pageStatus } from './error-text.ts';
import { formInput, textField } from './form-input.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import { DeliveriesPage, WebhooksPage } from './webhooks-page.tsx';

export function webhooksRoutes(ctx: OperationContext, policy: WebhookTargetPolicy) {
  const app = new Hono<PageEnv>();

  const show = async (c: Context<PageEnv>, extra: { error?: unknown; created?: { url: string; secret: string }; url?: string } = {}) => {
    const vars = varsOf(c);
    // Admins only: listWebhooks refuses anyone else (a 403 page).
    const webhooks = await listWebhooks(ctx, sessionOf(c).actor);
    return renderPage(
      c,
      <WebhooksPage vars={vars} webhooks={webhooks} events={webhookEvents} created={extra.created} url={extra.url} error={extra.error === undefined ? undefined : errorText(vars.t, extra.error)} />,
      pageStatus(extra.error),
    );
  };

  app.get('/webhooks', (c) => show(c));

  app.post('/webhooks', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const url = textField(body, 'url').trim();
    const events = ([] as unknown[]).concat(body.events ?? []).filter((e): e is string => typeof e === 'string');
    try {
      // No event ticked is refused by the schema (at least one), as the API refuses an empty list.
      const input = formInput(CreateWebhookBody, { url, events });
      const created = await createWebhook(ctx, sessionOf(c).actor, input, policy);
      return show(c, { created: { url: created.url, secret: created.secret } });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
      return show(c, { error, url });
    }
  });

  app.get('/webhooks/:id', async (c) => {
    const actor = sessionOf(c).actor;
    const id = c.req.param('id');
    const deliveries = await listDeliveries(ctx, actor, id);
    const webhook = (await listWebhooks(ctx, actor)).find((w) => w.id === id)!;
    return renderPage(c, <DeliveriesPage vars={varsOf(c)} webhook={webhook} deliveries={deliveries} />);
  });

  return app;
}
