/**
 * The upload page of a locale (GET) and its form (POST, multipart): a `.md` file is a Markdown
 * upload, a `.xlf`/`.xliff`/`.xml` file an XLIFF one (1.2 or 2.0, the file says). Thin: one
 * operation each, then the page with what was taken and what was not, and why.
 */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { importTranslationMarkdown, importTranslationXliff } from '../../src/operations/import-translation.ts';
import { getStatement } from '../../src/operations/read-statements.ts';
import { errorText, pageStatus } from './error-text.ts';
import { fileField } from './form-input.ts';
import { UploadPage, type UploadOutcomeView } from './upload-page.tsx';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';

/** A file's kind by its name. */
function kindOf(name: string): 'markdown' | 'xliff' {
  const lower = name.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.xlf') || lower.endsWith('.xliff') || lower.endsWith('.xml')) return 'xliff';
  throw new DomainError('unsupported_media_type', `Choose a .md or .xlf file, not ${name}`, { type: name });
}

export function uploadRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();
  const path = '/statements/:slug/translate/:locale/upload';

  const show = async (c: Context<PageEnv>, extra: { error?: unknown; outcome?: UploadOutcomeView } = {}) => {
    const vars = varsOf(c);
    const { slug, locale } = c.req.param() as { slug: string; locale: string };
    const statement = await getStatement(ctx, slug);
    const error = extra.error === undefined ? undefined : errorText(vars.t, extra.error);
    return renderPage(c, <UploadPage vars={vars} slug={slug} locale={locale} title={statement.title ?? slug} outcome={extra.outcome} error={error} />, pageStatus(extra.error));
  };

  app.get(path, (c) => show(c));

  app.post(path, async (c) => {
    const { slug, locale } = c.req.param();
    // A refusal (a wrong file, broken placeholders, a structure that does not match) is the page again with it, under the API's status.
    try {
      const file = await fileField(await c.req.parseBody(), 'file');
      if (!file) throw new DomainError('validation_failed', 'Choose a file', { field: 'file', problem: 'required' });
      const actor = sessionOf(c).actor;
      const segments = new Map((await getStatement(ctx, slug)).segments.map((s, i) => [s.id, { n: i + 1, source: s.text }]));
      const view = (id: string, reason: string) => ({ id, reason, ...segments.get(id) });
      let outcome: UploadOutcomeView;
      if (kindOf(file.name) === 'markdown') {
        const answer = await importTranslationMarkdown(ctx, actor, { slug, locale, markdown: file.text });
        outcome = { updated: answer.updated, unchanged: answer.unchanged, notTaken: answer.segmentsNotTaken.map((s) => view(s.segmentId, s.reason)) };
      } else {
        const answer = await importTranslationXliff(ctx, actor, { slug, locale, xml: file.text });
        // Refused units, and unchanged ones whose confirmation was not taken (changed since the export).
        const notTaken = answer.units.filter((u) => u.outcome === 'refused' || (u.outcome === 'unchanged' && u.reason === 'changed_since_export'));
        outcome = { updated: answer.updated, unchanged: answer.unchanged, notTaken: notTaken.map((u) => view(u.id, u.reason ?? 'segment_not_found')) };
      }
      return show(c, { outcome });
    } catch (error) {
      // Someone without the right gets a 403 page (as for a page they may not open).
      if (!(error instanceof DomainError) || error.code === 'forbidden' || error.code === 'statement_not_found') throw error;
      return show(c, { error });
    }
  });

  return app;
}
