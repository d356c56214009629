/** Editions: publish locales together (with an embargo), list every edition of a statement, withdraw one. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OperationContext } from '../../src/operations/context.ts';
import { publish } from '../../src/operations/publish.ts';
import { withdrawEdition } from '../../src/operations/withdraw-edition.ts';
import { listEditions } from '../../src/operations/read-statements.ts';
import { withMessages } from '../finding-messages.ts';
import { negotiateLanguage, translator } from '../i18n.ts';
import { openApiApp } from '../openapi-app.ts';
import { Edition, ErrorBody, PublishBody, Slug, WithdrawBody } from '../schemas.ts';

/** A publication's edition: as listed, and the scheduled editions it overtook (they will not be released). */
const PublishedEdition = Edition.extend({
  overtakes: z.array(z.object({ editionId: z.string(), locale: z.string(), visibleFrom: z.string(), message: z.string() })),
});

/** `changed`: told after a publication or a withdrawal (readers' caches, webhook deliveries). */
export function editionRoutes(ctx: OperationContext, changed: (slug: string) => void) {
  const app = openApiApp();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements/{slug}/editions',
      summary: 'Publish locales together, all or none',
      request: { params: z.object({ slug: Slug }), body: { content: { 'application/json': { schema: PublishBody } }, required: true } },
      responses: {
        201: { description: 'The editions; `overtakes`: the scheduled editions each one supersedes before their time (never released)', content: { 'application/json': { schema: z.object({ editions: z.array(PublishedEdition) }) } } },
        409: { description: 'A locale is not ready', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').slug;
      const body = c.req.valid('json');
      const { editions } = await publish(ctx, c.get('actor'), {
        slug, locales: body.locales,
        ...(body.embargoUntil ? { embargoUntil: body.embargoUntil } : {}),
        ...(body.correctionNote ? { correctionNote: body.correctionNote } : {}),
        ...(body.override ? { override: body.override } : {}),
      });
      changed(slug);
      const all = await listEditions(ctx, slug);
      const t = translator(negotiateLanguage(c.req.header('accept-language')));
      return c.json({
        editions: editions.map((e) => ({
          ...all.find((x) => x.id === e.id)!, created: e.created, findings: withMessages([e], c)[0]!.findings,
          overtakes: e.overtakes.map((o) => ({ ...o, message: t('pages:publish.overtakes', { locale: o.locale, scheduled: o.visibleFrom }) })),
        })),
      }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/statements/{slug}/editions',
      summary: 'Every edition, with hashes, provenance and withdrawals',
      request: { params: z.object({ slug: Slug }) },
      responses: { 200: { description: 'The editions, oldest first', content: { 'application/json': { schema: z.object({ editions: z.array(Edition) }) } } } },
    }),
    async (c) => c.json({ editions: await listEditions(ctx, c.req.valid('param').slug) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/statements/{slug}/editions/{id}/withdraw',
      summary: 'Withdraw an edition (recorded with its reason; the previous edition of the locale, if any, is live again)',
      request: { params: z.object({ slug: Slug, id: z.string().min(1).max(100) }), body: { content: { 'application/json': { schema: WithdrawBody } }, required: true } },
      responses: {
        200: { description: 'The withdrawal', content: { 'application/json': { schema: z.object({ editionId: z.string(), withdrawnAt: z.string(), cancelledDeliveries: z.number() }) } } },
        409: { description: 'Already withdrawn', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      const result = await withdrawEdition(ctx, c.get('actor'), { slug, editionId: id, reason: c.req.valid('json').reason });
      changed(slug);
      return c.json(result, 200);
    },
  );
  return app;
}
