/** The glossary page (GET), adding a term, deleting one, importing a TBX or CSV file, and the downloads. */
import { Hono, type Context } from 'hono';
import { DomainError } from '../../src/errors.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { addGlossaryTerm, deleteGlossaryTerm, listGlossaryTerms } from '../../src/operations/glossary.ts';
import { exportGlossary, importGlossary, type GlossaryFormat, type GlossaryImportResult, type GlossaryImportRow } from '../../src/operations/glossary-interchange.ts';
import { TermBody } from '../routes/glossary.ts';
import { errorText, pageStatus } from './error-text.ts';
import { fileField, formInput, textField } from './form-input.ts';
import { GlossaryPage } from './glossary-page.tsx';
import { varsOf, type PageEnv } from './page-env.ts';
import { renderPage } from './render-page.ts';
import { sessionOf } from './require-sign-in.ts';

/** A file's format by its name: `.csv` is CSV, `.tbx` and `.xml` TBX. */
function formatOf(name: string): GlossaryFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tbx') || lower.endsWith('.xml')) return 'tbx';
  throw new DomainError('unsupported_media_type', `Choose a .tbx or .csv file, not ${name}`, { type: name });
}

export function glossaryRoutes(ctx: OperationContext) {
  const app = new Hono<PageEnv>();

  const show = async (c: Context<PageEnv>, extra: { error?: unknown; imported?: GlossaryImportResult } = {}) => {
    const vars = varsOf(c);
    const done = c.req.query('done');
    let error = extra.error === undefined ? undefined : errorText(vars.t, extra.error);
    if (error && extra.error instanceof DomainError && Array.isArray(extra.error.details.entries)) {
      const refused = (extra.error.details.entries as GlossaryImportRow[]).filter((e) => e.outcome === 'refused');
      error = { ...error, items: refused.map((e) => vars.t('manage:glossary.refusedEntry', { line: e.line, term: e.term, reason: e.problem ?? e.reason ?? '' })) };
    }
    return renderPage(
      c,
      <GlossaryPage
        vars={vars}
        terms={await listGlossaryTerms(ctx)}
        error={error}
        done={done === 'added' || done === 'deleted' ? vars.t(`manage:glossary.${done}`) : undefined}
        imported={extra.imported}
      />,
      pageStatus(extra.error),
    );
  };

  /** A refusal is the page again, with it (a 200: the form's problem, shown where it can be fixed). */
  const attempt = async (c: Context<PageEnv>, action: () => Promise<Response>) => {
    try {
      return await action();
    } catch (error) {
      // Someone without the right gets a 403 page (as for a page they may not open).
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
      return show(c, { error });
    }
  };

  app.get('/glossary', (c) => show(c));

  app.post('/glossary', (c) =>
    attempt(c, async () => {
      const body = await c.req.parseBody();
      const optional = (name: string) => {
        const value = textField(body, name).trim();
        return value === '' ? {} : { [name]: value };
      };
      const variants = textField(body, 'variants').split(/[,;\n]/).map((v) => v.trim()).filter((v) => v !== '');
      const input = formInput(TermBody, {
        term: textField(body, 'term'),
        ...optional('scope'),
        ...optional('targetLocale'),
        ...optional('targetText'),
        ...(variants.length > 0 ? { variants } : {}),
        ...optional('note'),
      });
      await addGlossaryTerm(ctx, sessionOf(c).actor, input);
      return c.redirect('/glossary?done=added', 303);
    }),
  );

  app.post('/glossary/import', (c) =>
    attempt(c, async () => {
      const body = await c.req.parseBody();
      const file = await fileField(body, 'file');
      if (!file) throw new DomainError('validation_failed', 'Choose a file', { field: 'file', problem: 'required' });
      const source = textField(body, 'source').trim();
      const imported = await importGlossary(ctx, sessionOf(c).actor, { format: formatOf(file.name), text: file.text, ...(source ? { sourceLocale: source } : {}) });
      return show(c, { imported });
    }),
  );

  app.post('/glossary/:id/delete', (c) =>
    attempt(c, async () => {
      await deleteGlossaryTerm(ctx, sessionOf(c).actor, c.req.param('id'));
      return c.redirect('/glossary?done=deleted', 303);
    }),
  );

  for (const format of ['tbx', 'csv'] as const) {
    app.get(`/glossary/export.${format}`, async (c) => {
      const body = await exportGlossary(ctx, { format });
      const type = format === 'tbx' ? 'application/x-tbx+xml' : 'text/csv';
      return c.body(body, 200, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Disposition': `attachment; filename="glossary.${format}"` });
    });
  }

  return app;
}
