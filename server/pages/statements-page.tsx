/**
 * The statements: a search by title, a list with per-locale progress (untranslated, machine,
 * translated, changes requested, approved, stale, published) and links to each page, a form
 * to open a locale, and the import of a Markdown file.
 */
import type { Progress } from '../../src/operations/read-statements.ts';
import { CsrfField, Layout } from './layout.tsx';
import { LocaleProgress } from './locale-progress.tsx';
import { Notice } from './notice.tsx';
import type { ErrorText } from './error-text.ts';
import type { PageVars } from './page-env.ts';

export interface StatementRow {
  slug: string;
  title: string | null;
  sourceLocale: string;
  revision: number;
  locales: Record<string, Progress>;
}

export interface StatementsProps {
  vars: PageVars;
  query: string;
  statements: StatementRow[];
  total: number;
  nextCursor: string | null;
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function StatementsPage({ vars, query, statements, total, nextCursor, error, done }: StatementsProps) {
  const { t } = vars;
  return (
    <Layout vars={vars} title={t('statements.title')} path="/statements">
      <Notice error={error} done={done} />
      <form method="get" action="/statements" role="search" class="search-form">
        <label for="q">{t('statements.search')}</label>
        <input id="q" name="q" type="search" value={query} />
        <button type="submit">{t('statements.searchButton')}</button>
      </form>
      <p class="count-line">{query ? t('statements.found', { count: statements.length }) : t('statements.total', { count: total })}</p>
      {statements.length === 0 ? (
        <p>{t('statements.none')}</p>
      ) : (
        <table class="statements">
          <caption>{t('statements.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statements.statement')}</th>
              <th scope="col">{t('statements.locales')}</th>
              <th scope="col">{t('statements.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr data-slug={s.slug}>
                <th scope="row">
                  <span class="title">{s.title ?? s.slug}</span>
                  <span class="meta">
                    {s.slug} · {t('statements.source', { locale: s.sourceLocale, revision: s.revision })}
                  </span>
                </th>
                <td>
                  <ul class="locales">
                    {Object.entries(s.locales).map(([locale, progress]) => (
                      <li>
                        <strong>{locale}</strong> <LocaleProgress locale={locale} progress={progress} t={t} />{' '}
                        <a href={`/statements/${s.slug}/translate/${locale}`}>{t('statements.translate', { locale })}</a>{' '}
                        <a href={`/statements/${s.slug}/review/${locale}`}>{t('statements.review', { locale })}</a>
                      </li>
                    ))}
                  </ul>
                  <form method="get" action={`/statements/${s.slug}/translate`} class="open-locale">
                    <label for={`open-${s.slug}`}>{t('statements.openLocale')}</label>
                    <input id={`open-${s.slug}`} name="locale" size={8} required pattern="[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*" />
                    <button type="submit">{t('statements.open')}</button>
                  </form>
                </td>
                <td>
                  <a href={`/statements/${s.slug}/publish`}>{t('statements.publish')}</a>{' '}
                  <a href={`/statements/${s.slug}/history`}>{t('statements.history')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && !query && (
        <p>
          <a href={`/statements?cursor=${encodeURIComponent(nextCursor)}`}>{t('statements.more')}</a>
        </p>
      )}
      <section aria-labelledby="import-heading" class="import">
        <h2 id="import-heading">{t('import.title')}</h2>
        <form method="post" action="/statements/import" enctype="multipart/form-data">
          <CsrfField vars={vars} />
          <p>
            <label for="import-file">{t('import.file')}</label>
            <input id="import-file" name="file" type="file" accept=".md,.markdown,text/markdown" required />
          </p>
          <p>
            <label for="import-slug">{t('import.slug')}</label>
            <input id="import-slug" name="slug" pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="import-slug-help" />
            <span id="import-slug-help" class="help">
              {t('import.slugHelp')}
            </span>
          </p>
          <p>
            <label for="import-locale">{t('import.sourceLocale')}</label>
            <input id="import-locale" name="sourceLocale" value="en" required size={8} />
          </p>
          <button type="submit">{t('import.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}
