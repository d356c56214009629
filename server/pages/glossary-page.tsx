/**
 * The glossary page: every term (do-not-translate terms and preferred target terms with
 * their variants), a form to add one, a delete button per term, a TBX or CSV file to import
 * and download links (TBX, CSV). Adding, deleting and importing are for publishers (the
 * operations decide; the forms are shown to everyone signed in, a refusal says why).
 */
import type { GlossaryImportResult } from '../../src/operations/glossary-interchange.ts';
import type { ErrorText } from './error-text.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { PageVars } from './page-env.ts';

export interface GlossaryTermView {
  id: string;
  term: string;
  scope: string;
  targetLocale: string | null;
  targetText: string | null;
  variants: string[];
  note: string | null;
}

export interface GlossaryPageProps {
  vars: PageVars;
  terms: GlossaryTermView[];
  error?: ErrorText | undefined;
  done?: string | undefined;
  imported?: GlossaryImportResult | undefined;
}

export function GlossaryPage({ vars, terms, error, done, imported }: GlossaryPageProps) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`manage:glossary.${key}`, args);
  return (
    <Layout vars={vars} title={t('title')} path="/glossary">
      <Notice error={error} done={done} />
      {imported && (
        <p class="import-summary" role="status">
          {t('imported', { added: imported.added, unchanged: imported.unchanged })}
        </p>
      )}
      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">{t('terms')}</h2>
        {terms.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <table class="glossary-terms">
            <thead>
              <tr>
                <th scope="col">{t('term')}</th>
                <th scope="col">{t('targetLocale')}</th>
                <th scope="col">{t('targetText')}</th>
                <th scope="col">{t('variants')}</th>
                <th scope="col">{t('scope')}</th>
                <th scope="col">{t('note')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {terms.map((term) => (
                <tr data-term-id={term.id}>
                  <td dir="auto">{term.term}</td>
                  <td>{term.targetLocale ?? t('doNotTranslate')}</td>
                  <td dir="auto" lang={term.targetLocale ?? undefined}>
                    {term.targetText ?? ''}
                  </td>
                  <td dir="auto">{term.variants.join(', ')}</td>
                  <td>{term.scope === '*' ? t('everyStatement') : term.scope}</td>
                  <td dir="auto">{term.note ?? ''}</td>
                  <td>
                    <form method="post" action={`/glossary/${encodeURIComponent(term.id)}/delete`} class="inline-form">
                      <CsrfField vars={vars} />
                      <button type="submit" aria-label={t('deleteTerm', { term: term.term })}>
                        {t('delete')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="downloads">
          {t('download')} <a href="/glossary/export.tbx" download>TBX</a> · <a href="/glossary/export.csv" download>CSV</a>
        </p>
      </section>
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">{t('add')}</h2>
        <form method="post" action="/glossary" class="glossary-form">
          <CsrfField vars={vars} />
          <p>
            <label for="term">{t('term')}</label>
            <input id="term" name="term" required maxlength={500} dir="auto" />
          </p>
          <p>
            <label for="targetLocale">{t('targetLocale')}</label>
            <input id="targetLocale" name="targetLocale" maxlength={50} aria-describedby="targetLocale-help" />
            <span id="targetLocale-help" class="help">
              {t('targetLocaleHelp')}
            </span>
          </p>
          <p>
            <label for="targetText">{t('targetText')}</label>
            <input id="targetText" name="targetText" maxlength={500} dir="auto" />
          </p>
          <p>
            <label for="variants">{t('variants')}</label>
            <input id="variants" name="variants" dir="auto" aria-describedby="variants-help" />
            <span id="variants-help" class="help">
              {t('variantsHelp')}
            </span>
          </p>
          <p>
            <label for="scope">{t('scope')}</label>
            <input id="scope" name="scope" maxlength={100} aria-describedby="scope-help" />
            <span id="scope-help" class="help">
              {t('scopeHelp')}
            </span>
          </p>
          <p>
            <label for="note">{t('note')}</label>
            <input id="note" name="note" maxlength={2000} dir="auto" />
          </p>
          <button type="submit">{t('addSubmit')}</button>
        </form>
      </section>
      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{t('import')}</h2>
        <form method="post" action="/glossary/import" enctype="multipart/form-data" class="glossary-import-form">
          <CsrfField vars={vars} />
          <p>
            <label for="glossary-file">{t('file')}</label>
            <input id="glossary-file" name="file" type="file" accept=".tbx,.xml,.csv,text/csv,application/x-tbx+xml" required aria-describedby="file-help" />
            <span id="file-help" class="help">
              {t('fileHelp')}
            </span>
          </p>
          <p>
            <label for="import-source">{t('sourceLocale')}</label>
            <input id="import-source" name="source" maxlength={50} />
          </p>
          <button type="submit">{t('importSubmit')}</button>
        </form>
      </section>
    </Layout>
  );
}
