/** The statements page: list and search (GET), import a Markdown file (POST, multipart). */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { createStatement } from '../../src/operations/create-statement.ts';
import { listStatements } from '../../src/operations/read-statements.ts';
import { searchStatements } from '../../src/operations/search-statements.ts';
import { decodeUtf8 } from '../../src/read-document.ts';
import { CreateStatement } from '../schemas.ts';
import { errorText, pageStatus } from './error-text.ts';
import { formInput, textField } from './form-input.ts';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';
import { StatementsPage } from './statements-page.tsx';

/** A slug from a file name: `Water Report.md` → `water-report`. */
function slugFromName(name: string): string {
  return name
    .replace(/\.(md|markdown)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function statementsRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();

  const show = async (c: Context<PageEnv>, extra: { error?: unknown; done?: string } = {}) => {
    const query = c.req.query('q')?.trim() ?? '';
    const vars = varsOf(c);
    let page: { statements: Awaited<ReturnType<typeof searchStatements>>; total: number; nextCursor: string | null };
    if (query) {
      const found = await searchStatements(ctx, query);
      page = { statements: found, total: found.length, nextCursor: null };
    } else {
      const cursor = c.req.query('cursor');
      page = await listStatements(ctx, { limit: 25, ...(cursor ? { cursor } : {}) });
    }
    const error = extra.error === undefined ? undefined : errorText(vars.t, extra.error);
    return renderPage(c, <StatementsPage vars={vars} query={query} statements={page.statements} total={page.total} nextCursor={page.nextCursor} error={error} done={extra.done} />, pageStatus(extra.error));
  };

  app.get('/statements', (c) => {
    const done = c.req.query('imported');
    return show(c, done ? { done: c.get('t')('import.done', { slug: done }) } : {});
  });

  app.post('/statements/import', async (c) => {
    const actor = sessionOf(c).actor;
    try {
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) throw new DomainError('input_unreadable', 'Choose a Markdown file', { field: 'file' });
      if (file.size > ctx.maxDocumentBytes) throw new DomainError('input_too_large', 'The file is too large', { size: file.size, limit: ctx.maxDocumentBytes });
      const markdown = decodeUtf8(new Uint8Array(await file.arrayBuffer()), file.name);
      // The API's body schema (CreateStatement); no slug given: one made from the file's name.
      const form = formInput(CreateStatement, { slug: textField(body, 'slug').trim() || slugFromName(file.name), sourceLocale: textField(body, 'sourceLocale').trim(), markdown });
      const created = await createStatement(ctx, actor, { slug: form.slug, sourceLocale: form.sourceLocale, markdown: form.markdown });
      return c.redirect(`/statements?imported=${encodeURIComponent(created.statement.slug)}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, { error });
    }
  });

  return app;
}
