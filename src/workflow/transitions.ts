/**
 * The segment workflow as one pure table: state × event → next state, or a refusal with a
 * stable reason code (an i18n key: workflow.<reason>).
 *
 * A machine draft never overwrites human text: for a segment whose text a person wrote or
 * must decide on (translated, changes requested, approved, stale), the draft goes into the
 * machine column only and the state stays (see `machineDraftKeepsText`).
 */
export const segmentStates = ['untranslated', 'machine', 'translated', 'changes_requested', 'approved', 'stale'] as const;
export type SegmentState = (typeof segmentStates)[number];

export const segmentEvents = ['machine_draft', 'edit', 'approve', 'request_changes', 'source_changed'] as const;
export type SegmentEvent = (typeof segmentEvents)[number];

export type RefusalReason =
  | 'not_translated'
  | 'machine_unconfirmed'
  | 'changes_requested'
  | 'stale'
  | 'already_approved'
  | 'already_changes_requested';

export type Transition = { ok: true; state: SegmentState } | { ok: false; reason: RefusalReason };

const to = (state: SegmentState): Transition => ({ ok: true, state });
const no = (reason: RefusalReason): Transition => ({ ok: false, reason });

const table: Record<SegmentState, Record<SegmentEvent, Transition>> = {
  untranslated: {
    machine_draft: to('machine'),
    edit: to('translated'),
    approve: no('not_translated'),
    request_changes: no('not_translated'),
    source_changed: to('untranslated'),
  },
  machine: {
    machine_draft: to('machine'),
    edit: to('translated'),
    approve: no('machine_unconfirmed'),
    request_changes: to('changes_requested'),
    source_changed: to('stale'),
  },
  translated: {
    machine_draft: to('translated'),
    edit: to('translated'),
    approve: to('approved'),
    request_changes: to('changes_requested'),
    source_changed: to('stale'),
  },
  changes_requested: {
    machine_draft: to('changes_requested'),
    edit: to('translated'),
    approve: no('changes_requested'),
    request_changes: no('already_changes_requested'),
    source_changed: to('stale'),
  },
  approved: {
    machine_draft: to('approved'),
    edit: to('translated'),
    approve: no('already_approved'),
    request_changes: to('changes_requested'),
    source_changed: to('stale'),
  },
  stale: {
    machine_draft: to('stale'),
    edit: to('translated'),
    approve: no('stale'),
    request_changes: no('stale'),
    source_changed: to('stale'),
  },
};

export function transition(state: SegmentState, event: SegmentEvent): Transition {
  return table[state][event];
}

/**
 * Whether a machine draft for a segment in this state leaves its text alone (the draft goes
 * into the machine column beside it): every state but untranslated and machine, and but a
 * stale segment whose text no person ever wrote or confirmed (`humanText` false: an old
 * machine draft of the old source), which takes the new draft as its text and becomes
 * `machine` again.
 */
export function machineDraftKeepsText(state: SegmentState, humanText = true): boolean {
  if (state === 'stale') return humanText;
  return state !== 'untranslated' && state !== 'machine';
}

export function isSegmentState(value: string): value is SegmentState {
  return (segmentStates as readonly string[]).includes(value);
}
