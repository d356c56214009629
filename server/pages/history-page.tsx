/**
 * A statement's history: every source revision with a line diff from the one before, and
 * every edition per locale with a line diff from that locale's edition before it.
 */
import type { CommentEntry, EditionEntry, RevisionEntry } from '../../src/operations/statement-history.ts';
import { DatedMessage } from './date-time.tsx';
import { Layout } from './layout.tsx';
import { LineDiff } from './line-diff.tsx';
import type { PageVars } from './page-env.ts';

export interface HistoryProps {
  vars: PageVars;
  slug: string;
  title: string;
  sourceLocale: string;
  revisions: RevisionEntry[];
  editions: EditionEntry[];
  /** Every comment of every translation, oldest first. */
  comments?: CommentEntry[];
}

export function HistoryPage({ vars, slug, title, sourceLocale, revisions, editions, comments = [] }: HistoryProps) {
  const { t } = vars;
  const byLocale = new Map<string, EditionEntry[]>();
  for (const e of editions) byLocale.set(e.locale, [...(byLocale.get(e.locale) ?? []), e]);
  return (
    <Layout vars={vars} title={t('history.title', { title })} path={`/statements/${slug}/history`}>
      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">{t('history.revisions')}</h2>
        <ol class="revisions">
          {revisions.map((r, i) => (
            <li class="revision" data-revision={r.number}>
              <h3>
                <DatedMessage vars={vars} message="history.revision" args={{ number: r.number, by: r.createdBy ?? '—' }} dates={{ at: r.createdAt }} />
              </h3>
              {i === 0 ? (
                <details>
                  <summary>{t('history.firstRevision')}</summary>
                  <pre lang={sourceLocale}>{r.markdown}</pre>
                </details>
              ) : (
                <LineDiff before={revisions[i - 1]!.markdown} after={r.markdown} t={t} />
              )}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="editions-heading">
        <h2 id="editions-heading">{t('history.editions')}</h2>
        {editions.length === 0 && <p>{t('publish.noEditions')}</p>}
        {[...byLocale.entries()].map(([locale, list]) => (
          <section class="edition-locale" data-locale={locale} aria-label={t('history.editionsOf', { locale })}>
            <h3>{t('history.editionsOf', { locale })}</h3>
            <ol>
              {list.map((e, i) => (
                <li class="edition" data-edition={e.id}>
                  <h4>
                    <DatedMessage vars={vars} message="history.edition" args={{ revision: e.sourceRevision, by: e.publishedBy ?? '—' }} dates={{ at: e.publishedAt }} />
                    {e.withdrawnAt && (
                      <>
                        {' — '}
                        <DatedMessage vars={vars} message="publish.withdrawn" dates={{ at: e.withdrawnAt }} />
                      </>
                    )}
                  </h4>
                  {i === 0 ? (
                    <details>
                      <summary>{t('history.firstEdition')}</summary>
                      <pre lang={locale}>{e.markdown}</pre>
                    </details>
                  ) : (
                    <LineDiff before={list[i - 1]!.markdown} after={e.markdown} t={t} />
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>
      <section aria-labelledby="comments-heading" class="history-comments">
        <h2 id="comments-heading">{t('history.comments')}</h2>
        {comments.length === 0 ? (
          <p>{t('comments.none')}</p>
        ) : (
          <ol>
            {comments.map((c) => (
              <li class={`comment comment-${c.kind}`} data-locale={c.locale} data-segment={c.segmentId ?? ''}>
                <DatedMessage vars={vars} message="history.comment" args={{ locale: c.locale, by: t('comments.by', { name: c.author, role: t(`comments.role.${c.role}`) }) }} dates={{ at: c.at }} />
                {c.kind === 'request_changes' && <> <strong class="comment-kind">{t('comments.requestChanges')}</strong></>}
                <p class="comment-text" dir="auto">{c.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}
