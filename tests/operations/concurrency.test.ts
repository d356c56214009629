/** Two edits of the same segment at the same version: exactly one succeeds. */
import { describe, expect, it } from 'vitest';
import { applySegmentEvent, currentSegment } from '../../src/operations/apply-segment-event.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { dialects } from '../support/dialects.ts';
import { create, draftAll } from '../support/flow.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('concurrent edits ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('let exactly one of two simultaneous edits through', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const s = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[1]!;
    const results = await Promise.allSettled(
      [w.translatorFr, w.translatorReviewerFr].map((who, i) =>
        editSegment(w.ctx, who, { slug: 'seed-bank', locale: 'fr', segmentId: s.id, text: `Texte ${i} à <g id="1">Qasr Naba</g>`, expectedVersion: s.version }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => r.reason.code)).toEqual(['version_conflict']);
    const after = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[1]!;
    expect(after.version).toBe(s.version + 1);
    const history = await w.ctx.store.db.selectFrom('segment_history').select('text').where('segment_id', '=', s.id).where('event', '=', 'edit').execute();
    expect(history).toHaveLength(1);
  });

  it('refuse a write whose row changed after it was read (the update is guarded by version)', async () => {
    const w = world();
    await create(w);
    await draftAll(w, 'seed-bank', 'fr');
    const t = await w.ctx.store.db.selectFrom('translations').select('id').executeTakeFirstOrThrow();
    const s = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[1]!;
    const read = await currentSegment(w.ctx.store.db, t.id, 1, s.id);
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: s.id, text: 'Gagnant à <g id="1">Qasr Naba</g>', expectedVersion: s.version });
    // A writer still holding the old row (as a second process would) loses, without writing.
    await expect(
      w.ctx.store.transaction((trx) => applySegmentEvent(trx, { translationId: t.id, revision: 1, segmentId: s.id, event: 'edit', text: 'Perdant', actor: w.translatorFr.id, at: 'x' }, read)),
    ).rejects.toMatchObject({ code: 'version_conflict', details: { text: 'Gagnant à <g id="1">Qasr Naba</g>' } });
    expect((await getTranslation(w.ctx, 'seed-bank', 'fr')).segments[1]!.text).toBe('Gagnant à <g id="1">Qasr Naba</g>');
  });
});
