/** Every state × event pair of the segment workflow. */
import { describe, expect, it } from 'vitest';
import { machineDraftKeepsText, segmentEvents, segmentStates, transition, type SegmentEvent, type SegmentState } from '../../src/workflow/transitions.ts';

// The expected table, written out independently of the implementation. A machine draft
// for a segment holding human text (translated, changes requested, approved, stale) leaves
// its state alone: the draft goes into the machine column beside the text.
const expected: Record<SegmentState, Record<SegmentEvent, string>> = {
  untranslated: { machine_draft: 'machine', edit: 'translated', approve: '!not_translated', request_changes: '!not_translated', source_changed: 'untranslated' },
  machine: { machine_draft: 'machine', edit: 'translated', approve: '!machine_unconfirmed', request_changes: 'changes_requested', source_changed: 'stale' },
  translated: { machine_draft: 'translated', edit: 'translated', approve: 'approved', request_changes: 'changes_requested', source_changed: 'stale' },
  changes_requested: { machine_draft: 'changes_requested', edit: 'translated', approve: '!changes_requested', request_changes: '!already_changes_requested', source_changed: 'stale' },
  approved: { machine_draft: 'approved', edit: 'translated', approve: '!already_approved', request_changes: 'changes_requested', source_changed: 'stale' },
  stale: { machine_draft: 'stale', edit: 'translated', approve: '!stale', request_changes: '!stale', source_changed: 'stale' },
};

const pairs = segmentStates.flatMap((state) => segmentEvents.map((event) => ({ state, event, want: expected[state][event] })));

describe('segment transitions', () => {
  it('cover 6 states × 5 events', () => {
    expect(pairs).toHaveLength(30);
  });

  it.each(pairs)('$state × $event → $want', ({ state, event, want }) => {
    const result = transition(state, event);
    if (want.startsWith('!')) expect(result).toEqual({ ok: false, reason: want.slice(1) });
    else expect(result).toEqual({ ok: true, state: want });
  });

  it('keeps the text of every state but untranslated and machine on a machine draft', () => {
    expect(segmentStates.filter((s) => machineDraftKeepsText(s))).toEqual(['translated', 'changes_requested', 'approved', 'stale']);
  });
});
