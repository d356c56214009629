/**
 * Revising a statement's source: the current source, a textarea with it (or the text being
 * revised), a Markdown file to upload instead, "Preview" (which segments of each locale go
 * stale, stay untranslated, are new or removed; nothing saved) and "Save" (a new revision,
 * refused when someone saved another since this page's revision: no lost update).
 */
import type { RevisionPreview } from '../../src/operations/preview-revision.ts';
import type { ErrorText } from './error-text.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Notice } from './notice.tsx';
import type { PageVars } from './page-env.ts';

export interface RevisePageProps {
  vars: PageVars;
  slug: string;
  title: string;
  current: string;
  /** The revision the form edits (sent back as If-Match). */
  revision: number;
  currentRevision: number;
  text: string;
  preview?: RevisionPreview | undefined;
  error?: ErrorText | undefined;
  done?: string | undefined;
}

export function RevisePage({ vars, slug, title, current, revision, currentRevision, text, preview, error, done }: RevisePageProps) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`manage:revise.${key}`, args);
  const base = `/statements/${slug}/source`;
  return (
    <Layout vars={vars} title={t('title', { title })} path={base}>
      <Notice error={error} done={done} />
      {preview && <PreviewSection vars={vars} preview={preview} />}
      <form method="post" action={base} enctype="multipart/form-data" class="revise-form">
        <CsrfField vars={vars} />
        <input type="hidden" name="revision" value={String(revision)} />
        <p>
          <label for="markdown">{t('markdown')}</label>
          <textarea id="markdown" name="markdown" rows={18} dir="auto">
            {text}
          </textarea>
        </p>
        <p>
          <label for="source-file">{t('file')}</label>
          <input id="source-file" name="file" type="file" accept=".md,.markdown,text/markdown,text/plain" aria-describedby="source-file-help" />
          <span id="source-file-help" class="help">
            {t('fileHelp')}
          </span>
        </p>
        <p class="actions">
          <button type="submit" name="action" value="preview">
            {t('preview')}
          </button>{' '}
          <button type="submit" name="action" value="save">
            {t('save')}
          </button>
        </p>
      </form>
      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{t('current', { revision: currentRevision })}</h2>
        <pre class="current-source" dir="auto">
          {current}
        </pre>
      </section>
    </Layout>
  );
}

function PreviewSection({ vars, preview }: { vars: PageVars; preview: RevisionPreview }) {
  const t = (key: string, args?: Record<string, unknown>) => vars.t(`manage:revise.${key}`, args);
  return (
    <section aria-labelledby="preview-heading" class="revision-preview">
      <h2 id="preview-heading">{t('previewHeading')}</h2>
      {!preview.changes ? (
        <p>{t('noChanges')}</p>
      ) : (
        <>
          <table class="revision-locales">
            <thead>
              <tr>
                <th scope="col">{t('locale')}</th>
                <th scope="col">{t('unchanged')}</th>
                <th scope="col">{t('stale')}</th>
                <th scope="col">{t('untranslated')}</th>
                <th scope="col">{t('added')}</th>
                <th scope="col">{t('removed')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.locales.map((l) => (
                <tr data-locale={l.locale}>
                  <th scope="row">{l.locale}</th>
                  <td>{l.unchanged}</td>
                  <td class="stale-count">{l.stale.length}</td>
                  <td>{l.untranslated.length}</td>
                  <td>{l.added}</td>
                  <td>{l.removed}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.locales.length === 0 && <p>{t('noLocales')}</p>}
          {preview.changed.length > 0 && (
            <>
              <h3>{t('changedSegments')}</h3>
              <ul class="changed-segments">
                {preview.changed.map((s) => (
                  <li data-segment-id={s.id}>
                    <del dir="auto">{s.previousText}</del> {vars.dir === 'rtl' ? '←' : '→'} <ins dir="auto">{s.text}</ins>
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.added.length > 0 && (
            <>
              <h3>{t('addedSegments')}</h3>
              <ul class="added-segments">
                {preview.added.map((s) => (
                  <li dir="auto">{s.text}</li>
                ))}
              </ul>
            </>
          )}
          {preview.removed.length > 0 && (
            <>
              <h3>{t('removedSegments')}</h3>
              <ul class="removed-segments">
                {preview.removed.map((s) => (
                  <li dir="auto">{s.text}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
