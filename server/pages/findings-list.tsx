/** Quality findings beside a segment (or of a whole edition), with their messages (namespace `quality`). */
import type { FindingView } from '../../src/operations/quality.ts';
import type { Translate } from './page-env.ts';

export function findingMessage(t: Translate, f: FindingView): string {
  return t(`quality:${f.key}`, { ...f.args });
}

export function FindingsList({ findings, t, label }: { findings: readonly FindingView[]; t: Translate; label: string }) {
  if (findings.length === 0) return <p class="findings-none">{t('findings.none')}</p>;
  return (
    <ul class="findings" aria-label={label}>
      {findings.map((f) => (
        <li class={`finding finding-${f.severity}${f.overridden ? ' finding-overridden' : ''}`} data-rule={f.rule}>
          <span class="severity">{t(`findings.severity.${f.severity}`)}</span> {findingMessage(t, f)}
          {f.overridden && <span class="overridden"> {t('findings.overridden', { by: f.overridden.by, reason: f.overridden.reason })}</span>}
        </li>
      ))}
    </ul>
  );
}
