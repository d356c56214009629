/**
 * One segment on the translate page: source (for a stale segment, what changed in it, as a
 * word diff), machine draft (for a stale segment, a button puts its new draft in the
 * editor), fuzzy translation-memory suggestions (each one click from the editor), the translator's text in a textarea written in the target's direction, buttons
 * that insert the source's placeholders, findings beside it. Saved on its own (pages.js: fetch with If-Match; without script, the
 * form posts); a version conflict shows both texts (filled in by pages.js) and loses neither.
 */
import type { TranslationSegmentView } from '../../src/operations/read-statements.ts';
import type { Placeholder } from '../../src/markdown/tokens.ts';
import { FindingsList } from './findings-list.tsx';
import { CsrfField } from './layout.tsx';
import type { PageVars } from './page-env.ts';
import { chipInserts, editorPlaceholders, PlaceholderChips } from './placeholder-chips.tsx';
import { SourceChange } from './source-change.tsx';
import { SegmentThread } from './segment-thread.tsx';
import { SegmentHistory } from './segment-history.tsx';
import { can } from '../../src/workflow/roles.ts';
import { SegmentContextLabel } from './segment-context-label.tsx';
import { WordDiff } from './word-diff.tsx';

export interface SegmentEditorProps {
  vars: PageVars;
  action: string;
  index: number;
  segment: TranslationSegmentView;
  placeholders: readonly Placeholder[];
  sourceLocale: string;
  locale: string;
  dir: 'ltr' | 'rtl';
  sourceDir: 'ltr' | 'rtl';
  /** Left out by the page's filter (rendered hidden, so that the filter can be changed in place). */
  hidden?: boolean;
  /**
   * Just saved (without script): its twins (same source text) whose text differs, each offered
   * this segment's text with one button (a form posting it as that segment's, with its version).
   */
  twinOffers?: readonly TwinOffer[];
}

/** A twin to offer the saved text to: its id, number (from 1) and version. */
export interface TwinOffer {
  id: string;
  n: number;
  version: number;
}

export function SegmentEditor({ vars, action, index, segment: s, placeholders, sourceLocale, locale, dir, sourceDir, hidden = false, twinOffers = [] }: SegmentEditorProps) {
  const { t } = vars;
  const id = `text-${s.id}`;
  // A stale segment's kept text beside a new machine draft (of the changed source): the draft is one click away.
  const offerDraft = s.state === 'stale' && s.text !== null && s.machine !== null && s.text !== s.machine;
  return (
    <section
      class="segment"
      id={`seg-${s.id}`}
      data-segment={s.id}
      data-findings={[...new Set(s.findings.map((f) => f.rule))].join(' ')}
      aria-labelledby={`h-${s.id}`}
      {...(hidden ? { hidden: true } : {})}
    >
      <h2 id={`h-${s.id}`} class="segment-heading">
        {t('segment.heading', { n: index + 1 })} <span class={`state state-${s.state}`} data-state={s.state}>{t(`state.${s.state}`)}</span>
      </h2>
      <SegmentContextLabel context={s.context} t={t} />
      <div class="columns">
        <div class="column">
          <h3>{t('segment.source')}</h3>
          <p class="source" lang={sourceLocale} dir={sourceDir}>
            <PlaceholderChips text={s.source} placeholders={placeholders} t={t} />
          </p>
          <SourceChange before={s.previousSource} after={s.source} lang={sourceLocale} dir={sourceDir} t={t} />
          <h3>{t(s.machineProvenance?.engine === 'tm' ? 'segment.memory' : s.state === 'stale' && s.machine !== null ? 'segment.newMachine' : 'segment.machine')}</h3>
          <p class="machine" lang={locale} dir={dir}>
            <PlaceholderChips text={s.machine} placeholders={placeholders} t={t} />
          </p>
          {offerDraft && (
            <button type="button" class="use-draft" data-draft={s.machine ?? ''} data-target={id} aria-label={t('segment.useDraftNumbered', { n: index + 1 })}>
              {t('segment.useDraft')}
            </button>
          )}
          {s.suggestions && s.suggestions.length > 0 && (
            <div class="suggestions">
              <h3>{t('segment.suggestions')}</h3>
              <ul>
                {s.suggestions.map((m, k) => (
                  <li class="suggestion">
                    <p class="suggestion-meta">{t('segment.suggestionScore', { percent: Math.floor(m.score * 100), origin: t(`segment.origin.${m.origin}`) })}</p>
                    <p class="suggestion-source" lang={sourceLocale} dir={sourceDir}>
                      <WordDiff before={m.sourceText} after={s.source} t={t} />
                    </p>
                    <p class="suggestion-text" lang={locale} dir={dir}>
                      <PlaceholderChips text={m.targetText} placeholders={placeholders} t={t} />
                    </p>
                    <button type="button" class="use-draft use-suggestion" data-draft={m.targetText} data-target={id} aria-label={t('segment.useSuggestionNumbered', { n: index + 1, k: k + 1 })}>
                      {t('segment.useSuggestion')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
        <form
          method="post"
          action={action}
          class="segment-form column"
          data-version={s.version}
          data-msg-saving={t('segment.saving')}
          data-msg-failed={t('segment.saveFailed')}
          data-msg-guard={t('segment.placeholderGuard')}
          data-msg-confirm-dirty={t('flow.confirmDirty')}
        >
          <CsrfField vars={vars} />
          <input type="hidden" name="version" value={String(s.version)} />
          <label for={id}>{t('segment.yours')}</label>
          {s.state === 'stale' && s.text !== null && <p class="help kept-text">{t('segment.keptText')}</p>}
          <textarea id={id} name="text" lang={locale} dir={dir} rows={3} aria-label={t('segment.yoursNumbered', { n: index + 1 })} aria-describedby={`chips-${s.id} status-${s.id} guard-${s.id}`} data-placeholders={editorPlaceholders(placeholders, t)}>
            {s.text ?? s.machine ?? ''}
          </textarea>
          {placeholders.length > 0 && (
            <div class="chip-inserts" role="group" id={`chips-${s.id}`} aria-label={t('segment.insertPlaceholder')}>
              {chipInserts(placeholders).map((chip) => (
                <button type="button" class="chip-insert" data-insert={chip.insert} data-placeholder={chip.id} data-target={id} aria-label={t('segment.insert', { id: chip.id })} title={chip.id <= 9 ? t('segment.insertShortcut', { id: chip.id }) : undefined}>
                  {chip.label}
                </button>
              ))}
            </div>
          )}
          <p class="help">{t('segment.placeholderHelp')}</p>
          {placeholders.length > 0 && <p class="help shortcut-help">{t('segment.placeholderKeys')}</p>}
          <p class="placeholder-guard" id={`guard-${s.id}`} role="status" aria-live="polite"></p>
          <div class="draft-notice" hidden role="status">
            <p>{t('flow.draftRestored')}</p>
            <button type="button" class="discard-draft" aria-label={t('flow.discardDraftNumbered', { n: index + 1 })}>
              {t('flow.discardDraft')}
            </button>
          </div>
          <button type="submit" class="save">
            {t('segment.save')}
          </button>{' '}
          <button type="submit" class="save-next" name="then" value="next" aria-keyshortcuts="Control+Enter Meta+Enter">
            {t('flow.saveNext')}
          </button>{' '}
          <button type="submit" class="confirm" name="then" value="confirm" aria-keyshortcuts="Alt+Shift+Enter">
            {t('flow.confirm')}
          </button>
          <p class="save-status" id={`status-${s.id}`} role="status" aria-live="polite"></p>
          <div class="conflict" hidden role="alert">
            <p>{t('conflict.message')}</p>
            <div class="conflict-texts">
              <div>
                <h3>{t('conflict.theirs')}</h3>
                <pre class="conflict-theirs" lang={locale} dir={dir}></pre>
              </div>
              <div>
                <h3>{t('conflict.mine')}</h3>
                <pre class="conflict-mine" lang={locale} dir={dir}></pre>
              </div>
            </div>
            <button type="button" class="keep-mine">
              {t('conflict.keepMine')}
            </button>{' '}
            <button type="button" class="take-theirs">
              {t('conflict.takeTheirs')}
            </button>
          </div>
        </form>
        <div class="column findings-column">
          <h3>{t('findings.title')}</h3>
          <div class="segment-findings">
            <FindingsList findings={s.findings} t={t} label={t('findings.ofSegment', { n: index + 1 })} />
          </div>
        </div>
      </div>
      <div class="twin-offers" role="group" aria-label={t('segment.twinOffers', { n: index + 1 })}>
        {twinOffers.map((twin) => (
          <form method="post" action={action.replace(/\/segments\/[^/?]+/, `/segments/${encodeURIComponent(twin.id)}`)} class="twin-offer" data-twin={twin.id} data-version={twin.version}>
            <CsrfField vars={vars} />
            <input type="hidden" name="text" value={s.text ?? ''} />
            <input type="hidden" name="version" value={String(twin.version)} />
            <button type="submit" class="use-for-twin">
              {t('segment.useForTwin', { n: twin.n })}
            </button>
          </form>
        ))}
      </div>
      <SegmentHistory vars={vars} segment={{ ...s, n: index + 1 }} locale={locale} dir={dir} saveAction={vars.session && can(vars.session.actor, 'translate', locale) ? action : undefined} />
      <SegmentThread vars={vars} base={action.replace(/\/segments\/[^/]+$/, '')} locale={locale} comments={s.comments} segment={{ id: s.id, n: index + 1 }} dir={dir} />
    </section>
  );
}
