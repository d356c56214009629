/**
 * A segment's history on the translate and review pages: a closed <details> "History (n)"
 * listing its versions newest first (time, who, event and state, the text, and a word diff
 * from the version before it), readable without script. On the translate page a translator
 * may take up an older text with "Use this text": a plain form posting an ordinary segment
 * save of that text at the segment's current version (one more version, never a rewrite).
 */
import type { SegmentHistoryEntry } from '../../src/operations/segment-history.ts';
import { DateTime } from './date-time.tsx';
import { CsrfField } from './layout.tsx';
import type { PageVars } from './page-env.ts';
import { WordDiff } from './word-diff.tsx';

export interface SegmentHistoryProps {
  vars: PageVars;
  segment: { id: string; n: number; text: string | null; version: number; history?: readonly SegmentHistoryEntry[] | undefined };
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The segment's save URL: "Use this text" posts there (absent: no such button, e.g. on the review page). */
  saveAction?: string | undefined;
}

const eventKeys = new Set(['machine_draft', 'edit', 'approve', 'request_changes', 'source_changed']);

export function SegmentHistory({ vars, segment: s, locale, dir, saveAction }: SegmentHistoryProps) {
  const { t } = vars;
  const history = s.history;
  if (!history) return null;
  return (
    <details class="segment-history" data-history={s.id}>
      <summary aria-label={t('segmentHistory.label', { n: s.n })}>{t('segmentHistory.summary', { n: history.length })}</summary>
      {history.length === 0 ? (
        <p class="history-none">{t('segmentHistory.none')}</p>
      ) : (
        <ol class="history-versions">
          {history.map((h, i) => {
            const older = history[i + 1];
            const offer = saveAction !== undefined && h.text !== null && h.text !== s.text;
            return (
              <li class="history-version" data-version={h.version} data-event={h.event}>
                <p class="history-meta">
                  <strong>{t('segmentHistory.version', { version: h.version })}</strong> <DateTime iso={h.at} lang={vars.lang} />{' '}
                  <span class="history-by">{h.by ? t('segmentHistory.by', { name: h.by.name }) : t('segmentHistory.nobody')}</span>{' '}
                  <span class="history-event">{eventKeys.has(h.event) ? t(`segmentHistory.event.${h.event}`) : h.event}</span>{' '}
                  <span class={`history-state state-${h.state}`}>{t(`state.${h.state}`)}</span>
                  {i === 0 && h.text === s.text && <> <em class="history-current">{t('segmentHistory.current')}</em></>}
                </p>
                <p class="history-text" lang={locale} dir={dir}>
                  {h.text ?? t('segment.none')}
                </p>
                {older && older.text !== h.text && older.text !== null && h.text !== null && (
                  <p class="history-diff" lang={locale} dir={dir}>
                    <span class="help">{t('segmentHistory.changes')}</span> <WordDiff before={older.text} after={h.text} t={t} />
                  </p>
                )}
                {offer && (
                  <form method="post" action={saveAction} class="use-history">
                    <CsrfField vars={vars} />
                    <input type="hidden" name="text" value={h.text ?? ''} />
                    <input type="hidden" name="version" value={String(s.version)} />
                    <button type="submit" aria-label={t('segmentHistory.useNumbered', { version: h.version, n: s.n })}>
                      {t('segmentHistory.use')}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
