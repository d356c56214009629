/**
 * What the comment forms of the translate and review pages post (segment-thread.tsx): a
 * comment in a segment's thread or the general one, then back to the segment on its page.
 * A refused comment (empty, not the caller's locale) is an error page in the caller's
 * language (page-errors.tsx) and changes nothing.
 */
import { Hono } from 'hono';
import type { OperationContext } from '../../src/operations/context.ts';
import { getStatement } from '../../src/operations/read-statements.ts';
import { addComment } from '../../src/operations/segment-comments.ts';
import { CommentBody } from '../schemas.ts';
import { formInput, optionalField } from './form-input.ts';
import type { PageEnv } from './page-env.ts';
import { sessionOf } from './require-sign-in.ts';
import { pageOfIndex, withPage } from './segment-pages.tsx';

export function commentRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();
  for (const page of ['translate', 'review'] as const) {
    app.post(`/statements/:slug/${page}/:locale/comments`, async (c) => {
      const { slug, locale } = c.req.param();
      const body = await c.req.parseBody();
      // The API's body schema (CommentBody): an empty comment is refused as the API refuses it.
      const form = formInput(CommentBody, { segmentId: optionalField(body, 'segment') ?? null, text: body.text });
      const segment = form.segmentId ?? null;
      const added = await addComment(ctx, sessionOf(c).actor, { slug, locale, segmentId: segment, text: form.text });
      const index = segment ? (await getStatement(ctx, slug)).segments.findIndex((s) => s.id === segment) : 0;
      return c.redirect(`${withPage(`/statements/${slug}/${page}/${locale}`, pageOfIndex(Math.max(index, 0)))}#comment-${added.id}`, 303);
    });
  }
  return app;
}
