import { describe, expect, it } from 'vitest';
import { machineShareRule } from '../../src/quality/index.ts';
import { brief, editionInput } from './support.ts';

type Seg = { id: string; state: string; text: string | null; machineText: string | null };

/** `unedited` segments whose text is the machine's, `edited` ones changed by a person, `empty` without text. */
function segments(unedited: number, edited: number, empty = 0): Seg[] {
  const out: Seg[] = [];
  for (let i = 0; i < unedited; i++) out.push({ id: `m${i}`, state: 'machine', text: `texte ${i}`, machineText: `texte ${i}` });
  for (let i = 0; i < edited; i++) out.push({ id: `e${i}`, state: 'translated', text: `texte revu ${i}`, machineText: `texte ${i}` });
  for (let i = 0; i < empty; i++) out.push({ id: `u${i}`, state: 'untranslated', text: null, machineText: null });
  return out;
}

const check = (s: Seg[]) => brief(machineShareRule.check(editionInput('a', 'b', { segments: s })));

describe('machine-share', () => {
  it('passes an edition mostly reviewed, or exactly half machine', () => {
    expect(check(segments(1, 3))).toEqual([]);
    expect(check(segments(2, 2))).toEqual([]);
    expect(check([])).toEqual([]);
  });

  it('warns above 50%', () => {
    expect(check(segments(3, 1))).toEqual([{ key: 'machine-share.high', severity: 'warning', args: { percent: 75, count: 3, total: 4 } }]);
    expect(check(segments(19, 1))).toEqual([{ key: 'machine-share.high', severity: 'warning', args: { percent: 95, count: 19, total: 20 } }]);
  });

  it('is fatal above 95%', () => {
    expect(check(segments(24, 1))).toEqual([{ key: 'machine-share.excessive', severity: 'fatal', args: { percent: 96, count: 24, total: 25 } }]);
    expect(check(segments(5, 0))).toEqual([{ key: 'machine-share.excessive', severity: 'fatal', args: { percent: 100, count: 5, total: 5 } }]);
  });

  it('counts only segments with text; a human text without a machine draft is not machine', () => {
    expect(check(segments(3, 1, 10))).toEqual([{ key: 'machine-share.high', severity: 'warning', args: { percent: 75, count: 3, total: 4 } }]);
    expect(check([{ id: 'h', state: 'translated', text: 'x', machineText: null }])).toEqual([]);
  });
});
