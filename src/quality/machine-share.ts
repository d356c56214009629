/**
 * `machine-share`: how much of an edition is machine output left as it was. Of the
 * segments that have a text (one without a letter left out), the share whose text is exactly their machine draft: above
 * 50% a warning (was it really reviewed?), above 95% fatal (an unreviewed machine
 * translation must not be published as the organisation's word).
 */
import type { EditionRule } from './types.ts';
import { copiesItself } from '../markdown/copies-itself.ts';

export const warnAbove = 0.5;
export const fatalAbove = 0.95;

export interface MachineShare {
  /** Segments with something to translate: a text with a letter (numbers, codes, placeholders alone have none: segment-context.ts). */
  total: number;
  /** Of those, the ones whose text started as a machine draft. */
  assisted: number;
  /** Of those, the ones whose text is exactly their machine draft. */
  unreviewed: number;
  /** assisted / total (0 when total is 0). */
  assistedShare: number;
  /** unreviewed / total (0 when total is 0): what the gate judges, the edition's provenance records and the publish page shows. */
  unreviewedShare: number;
}

/** The one count of machine text in an edition: the gate below, publish.ts (provenance) and preview-edition.ts call it. */
export function machineShare(segments: readonly { text: string | null; machineText: string | null }[]): MachineShare {
  const withText = segments.filter((s) => s.text !== null && s.text !== '' && !copiesItself(s.text));
  const total = withText.length;
  const assisted = withText.filter((s) => s.machineText !== null).length;
  const unreviewed = withText.filter((s) => s.machineText !== null && s.text === s.machineText).length;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  return { total, assisted, unreviewed, assistedShare: share(assisted), unreviewedShare: share(unreviewed) };
}

/** A segment row as machineShare reads it. */
export const machineShareOfRows = (rows: readonly { text: string | null; machine_text: string | null }[]) => machineShare(rows.map((r) => ({ text: r.text, machineText: r.machine_text })));

export const machineShareRule: EditionRule = {
  id: 'machine-share',
  check(input) {
    const { total, unreviewed: count, unreviewedShare: share } = machineShare(input.segments);
    if (total === 0 || share <= warnAbove) return [];
    const args = { percent: Math.round(share * 100), count, total };
    return share > fatalAbove
      ? [{ rule: 'machine-share', severity: 'fatal', key: 'machine-share.excessive', args }]
      : [{ rule: 'machine-share', severity: 'warning', key: 'machine-share.high', args }];
  },
};
