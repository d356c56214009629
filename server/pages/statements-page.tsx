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
import { ReviseLink } from './team-nav.tsx';
import { can } from '../../src/workflow/roles.ts';

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
  // Only what the person may do is offered (the operations refuse the rest: can() in roles.ts).
  const actor = vars.session?.actor;
  const may = (action: 'import' | 'translate' | 'review' | 'publish', locale?: string) => (actor ? can(actor, action, locale) : false);
  const mayImport = may('import');
  /** The locales offered to open for translation: those the person translates (every one: free input), never the source. */
  const translatable = (s: StatementRow): string[] | 'any' => {
    if (!actor) return [];
    if (actor.roles.some((r) => r.locale === '*' && (r.role === 'translator' || r.role === 'admin'))) return 'any';
    return [...new Set(actor.roles.filter((r) => r.role === 'translator' || r.role === 'admin').map((r) => r.locale))].filter((l) => l !== s.sourceLocale && !(l in s.locales)).sort();
  };
  return (
    <Layout vars={vars} title={t('statements.title')} path="/statements">
      <Notice error={error} done={done} />
      <form method="get" action="/statements" role="search" class="search-form">
        <label for="q">{t('statements.search')}</label>
        <input id="q" name="q" type="search" value={query} />
        <button type="submit">{t('statements.searchButton')}</button>
      </form>
      <p class="count-line">{query ? t('statements.found', { count: statements.length }) : t('statements.total', { count: total })}</p>
      {statements.length === 0 && !query && total === 0 ? (
        <section class="first-run" aria-labelledby="first-run-heading">
          <h2 id="first-run-heading">{t('firstRun.title')}</h2>
          <ol>
            {mayImport && <li><a href="#import-heading">{t('firstRun.import')}</a></li>}
            {actor && can(actor, 'manageUsers') && <li><a href="/users">{t('firstRun.invite')}</a></li>}
            {!mayImport && <li>{t('firstRun.wait')}</li>}
          </ol>
        </section>
      ) : statements.length === 0 ? (
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
                        {may('review', locale) && <a href={`/statements/${s.slug}/review/${locale}`}>{t('statements.review', { locale })}</a>}
                      </li>
                    ))}
                  </ul>
                  {(() => {
                    const offered = translatable(s);
                    if (offered !== 'any' && offered.length === 0) return null;
                    return (
                      <form method="get" action={`/statements/${s.slug}/translate`} class="open-locale">
                        <label for={`open-${s.slug}`}>{t('statements.openLocale')}</label>
                        <input id={`open-${s.slug}`} name="locale" size={8} required pattern={`(?!${s.sourceLocale}$)[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*`} {...(offered === 'any' ? {} : { list: `open-${s.slug}-locales` })} />
                        {offered !== 'any' && (
                          <datalist id={`open-${s.slug}-locales`}>
                            {offered.map((l) => (
                              <option value={l}></option>
                            ))}
                          </datalist>
                        )}
                        <button type="submit">{t('statements.open')}</button>
                      </form>
                    );
                  })()}
                </td>
                <td>
                  {[s.sourceLocale, ...Object.keys(s.locales)].some((l) => may('publish', l)) && <a href={`/statements/${s.slug}/publish`}>{t('statements.publish')}</a>}{' '}
                  <a href={`/statements/${s.slug}/history`}>{t('statements.history')}</a>
                  <ReviseLink vars={vars} slug={s.slug} sourceLocale={s.sourceLocale} />
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
      {mayImport && (
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
      )}
    </Layout>
  );
}
