/** Webhooks (admin only): subscribe a URL to edition events (the secret is shown once), list them, read the delivery log. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { createWebhook, listDeliveries, listWebhooks } from '../../src/operations/webhooks.ts';
import { webhookEvents } from '../../src/webhooks/events.ts';
import type { WebhookTargetPolicy } from '../../src/webhooks/target-policy.ts';
import { openApiApp } from '../openapi-app.ts';
import { ErrorBody } from '../schemas.ts';

const Event = z.enum(webhookEvents);
const Webhook = z.object({ id: z.string(), url: z.string(), events: z.array(Event), createdAt: z.string(), disabledAt: z.string().nullable() }).openapi('Webhook');
const Delivery = z
  .object({
    id: z.string(), event: Event, status: z.enum(['pending', 'delivered', 'failed', 'cancelled']), attempts: z.number(), nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(), lastStatus: z.number().nullable(), lastError: z.string().nullable(), createdAt: z.string(), deliveredAt: z.string().nullable(), payload: z.unknown(),
  })
  .openapi('WebhookDelivery');

export const CreateWebhookBody = z.object({ url: z.string().max(2000), events: z.array(Event).min(1).max(20).optional() });

export function webhookRoutes(ctx: OperationContext, policy: WebhookTargetPolicy) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks',
      summary: 'Subscribe a URL to edition events, signed per Standard Webhooks',
      request: { body: { content: { 'application/json': { schema: CreateWebhookBody.openapi('CreateWebhook') } }, required: true } },
      responses: {
        201: { description: 'The webhook and its signing secret (shown once)', content: { 'application/json': { schema: z.object({ id: z.string(), url: z.string(), events: z.array(Event), secret: z.string(), createdAt: z.string() }) } } },
        403: { description: 'Not an admin', content: { 'application/json': { schema: ErrorBody } } },
        422: { description: 'A target the policy refuses (webhook_target_refused): not http(s), credentials in the URL, a local name, or a loopback, private, link-local or metadata address', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => c.json(await createWebhook(ctx, c.get('actor'), c.req.valid('json'), policy), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/webhooks',
      responses: { 200: { description: 'Every webhook', content: { 'application/json': { schema: z.object({ webhooks: z.array(Webhook) }) } } } },
    }),
    async (c) => c.json({ webhooks: await listWebhooks(ctx, c.get('actor')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      summary: 'The delivery log, newest first: attempts, last answer, next attempt',
      request: { params: z.object({ id: z.string().max(100) }), query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
      responses: { 200: { description: 'Deliveries', content: { 'application/json': { schema: z.object({ deliveries: z.array(Delivery) }) } } } },
    }),
    async (c) => c.json({ deliveries: await listDeliveries(ctx, c.get('actor'), c.req.valid('param').id, c.req.valid('query').limit) }, 200),
  );
  return app;
}
