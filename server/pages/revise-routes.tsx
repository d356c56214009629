/** Revising a statement's source from the pages: GET the form, POST action=preview (a dry run) or action=save. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { previewRevision, type RevisionPreview } from '../../src/operations/preview-revision.ts';
import { getStatement } from '../../src/operations/read-statements.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { ReviseSource } from '../schemas.ts';
import { errorText, pageStatus } from './error-text.ts';
import { fileField, formInput, textField } from './form-input.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import { RevisePage } from './revise-page.tsx';

const ReviseForm = ReviseSource.extend({ revision: z.coerce.number().int().min(1), action: z.enum(['preview', 'save']) });

export function reviseRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/source';

  const show = async (c: Context<PageEnv>, extra: { text?: string; revision?: number; preview?: RevisionPreview; error?: unknown } = {}) => {
    const vars = varsOf(c);
    const statement = await getStatement(ctx, c.req.param('slug')!);
    return renderPage(
      c,
      <RevisePage
        vars={vars}
        slug={statement.slug}
        title={statement.title ?? statement.slug}
        current={statement.markdown}
        revision={extra.revision ?? statement.revision}
        currentRevision={statement.revision}
        text={extra.text ?? statement.markdown}
        preview={extra.preview}
        error={extra.error === undefined ? undefined : errorText(vars.t, extra.error)}
        done={c.req.query('done') === 'revised' && extra.error === undefined && !extra.preview ? vars.t('manage:revise.done', { revision: statement.revision }) : undefined}
      />,
      pageStatus(extra.error),
    );
  };

  app.get(path, (c) => show(c));

  app.post(path, async (c) => {
    const slug = c.req.param('slug');
    const body = await c.req.parseBody();
    const file = await fileField(body, 'file');
    // A chosen file replaces the textarea's text. A browser sends a textarea's lines ending in
    // CRLF: taken as LF, so an untouched text is the current source (no change) and line
    // endings stay as they were.
    const text = file ? file.text : textField(body, 'markdown').replace(/\r\n?/g, '\n');
    const revisionField = Number(textField(body, 'revision'));
    try {
      const form = formInput(ReviseForm, { markdown: text, revision: textField(body, 'revision'), action: textField(body, 'action') || 'preview' });
      const actor = sessionOf(c).actor;
      if (form.action === 'preview') {
        const preview = await previewRevision(ctx, actor, { slug, markdown: form.markdown });
        // Previewed against a newer revision than the form's: saving would be refused, say so now.
        if (preview.revision !== form.revision) throw new DomainError('revision_conflict', `The source is at revision ${preview.revision}, not ${form.revision}`, { revision: preview.revision });
        return show(c, { text, revision: form.revision, preview });
      }
      await reviseSource(ctx, actor, { slug, markdown: form.markdown, expectedRevision: form.revision });
      return c.redirect(`/statements/${encodeURIComponent(slug)}/source?done=revised`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden' || error.code === 'statement_not_found') throw error;
      return show(c, { text, ...(Number.isInteger(revisionField) && revisionField > 0 ? { revision: revisionField } : {}), error });
    }
  });

  return app;
}
