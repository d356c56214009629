/** One locale's progress on a statement: counts per segment state, and whether it is published. */
import type { Progress } from '../../src/operations/read-statements.ts';
import { segmentStates } from '../../src/workflow/transitions.ts';
import type { Translate } from './page-env.ts';

export function LocaleProgress({ locale, progress, t }: { locale: string; progress: Progress; t: Translate }) {
  return (
    <span class="progress-counts" data-locale={locale}>
      {segmentStates
        .filter((s) => progress[s] > 0)
        .map((s) => (
          <span class={`count state-${s}`}>{t(`state.${s}`)}: {progress[s]}</span>
        ))}
      {progress.published && <span class="count published">{t('statements.published')}</span>}
    </span>
  );
}
