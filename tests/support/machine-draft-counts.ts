/** How many machine drafts each segment of each locale has had stored (segment history): "nothing drafted twice". */
import type { Db } from '../../src/store/store.ts';

export function machineDraftCounts(db: Db): Promise<{ locale: string; segment_id: string; n: number }[]> {
  return db
    .selectFrom('segment_history')
    .innerJoin('translations', 'translations.id', 'segment_history.translation_id')
    .select(['translations.locale', 'segment_history.segment_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('segment_history.event', '=', 'machine_draft')
    .groupBy(['translations.locale', 'segment_history.segment_id'])
    .execute();
}
