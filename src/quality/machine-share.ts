/**
 * `machine-share`: how much of an edition is machine output left as it was. Of the
 * segments that have a text, the share whose text is exactly their machine draft: above
 * 50% a warning (was it really reviewed?), above 95% fatal (an unreviewed machine
 * translation must not be published as the organisation's word).
 */
import type { EditionRule } from './types.ts';

export const warnAbove = 0.5;
export const fatalAbove = 0.95;

export const machineShareRule: EditionRule = {
  id: 'machine-share',
  check(input) {
    const withText = input.segments.filter((s) => s.text !== null && s.text !== '');
    const total = withText.length;
    if (total === 0) return [];
    const count = withText.filter((s) => s.machineText !== null && s.text === s.machineText).length;
    const share = count / total;
    if (share <= warnAbove) return [];
    const args = { percent: Math.round(share * 100), count, total };
    return share > fatalAbove
      ? [{ rule: 'machine-share', severity: 'fatal', key: 'machine-share.excessive', args }]
      : [{ rule: 'machine-share', severity: 'warning', key: 'machine-share.high', args }];
  },
};
