/**
 * A locale's edition as readers will see it: the sanitised HTML of renderEditionHtml (an
 * <article> with the locale's lang and dir, right-to-left runs isolated; rendered by
 * previewEdition in a document worker), inside a labelled region. The HTML comes from the
 * publishing pipeline's sanitiser, never from raw input.
 */
import type { Translate } from './page-env.ts';

export function EditionPreview({ html, locale, t }: { html: string; locale: string; t: Translate }) {
  return (
    <section class="preview" aria-label={t('publish.previewOf', { locale })} data-locale={locale}>
      <div class="preview-frame" dangerouslySetInnerHTML={{ __html: html }}></div>
    </section>
  );
}
