/**
 * A segment's history in a translation (segment_history), newest first: every version with
 * its event, state, text (and the machine draft beside it), who made it and when, so that a
 * text a later save, an upload or a draft replaced can be read and taken up again (as one more
 * version: the pages post an ordinary save). Across source revisions the segment is followed
 * back: an unchanged segment keeps its id, a changed one was `was <old id>` (revise-source.ts).
 *
 * Who: the person's name. The team's history keeps names, as `/api` and the statement history
 * do; the reviewer display settings (migration 0011) govern readers' pages, not the team's.
 * Read by whoever may read the translation (getTranslation: anyone signed in with a role).
 */
import { DomainError } from '../errors.ts';
import { requireTranslation } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';
import type { SegmentState } from '../workflow/transitions.ts';
import type { Actor } from '../workflow/roles.ts';
import type { OperationContext } from './context.ts';
import { loadTarget } from './load-translation.ts';

export interface SegmentHistoryEntry {
  version: number;
  /** The source revision the version was made at. */
  revision: number;
  event: string;
  /** The state after the change. */
  state: SegmentState;
  /** The segment's text after the change (null: none). */
  text: string | null;
  /** The machine draft beside it after the change. */
  machineText: string | null;
  /** Who: null for a change nobody signed (a machine draft job run by no one). */
  by: { id: string; name: string } | null;
  comment: string | null;
  at: string;
}

const chunk = 500;

/**
 * The histories of some segments of a translation (ids at the current revision `revision`),
 * each newest first, in one query per 500 segments and per step back through a changed source
 * (not one per segment).
 */
export async function historiesOf(db: Db, translationId: string, revision: number, segmentIds: readonly string[]): Promise<Map<string, SegmentHistoryEntry[]>> {
  const out = new Map<string, SegmentHistoryEntry[]>(segmentIds.map((id) => [id, []]));
  // What to read: an id, the segment (at the current revision) it belongs to, and the revisions up to which it is that segment's.
  let wanted = segmentIds.map((id) => ({ id, owner: id, upTo: revision }));
  const seen = new Set<string>();
  while (wanted.length > 0) {
    const next: typeof wanted = [];
    for (let i = 0; i < wanted.length; i += chunk) {
      const part = wanted.slice(i, i + chunk);
      const byId = new Map(part.map((w) => [w.id, w]));
      const rows = await db
        .selectFrom('segment_history')
        .leftJoin('users', 'users.id', 'segment_history.actor')
        .select(['segment_history.segment_id', 'segment_history.revision', 'segment_history.version', 'segment_history.event', 'segment_history.state', 'segment_history.text', 'segment_history.machine_text', 'segment_history.actor', 'segment_history.comment', 'segment_history.at', 'users.name'])
        .where('segment_history.translation_id', '=', translationId)
        .where('segment_history.segment_id', 'in', part.map((w) => w.id))
        .execute();
      for (const r of rows) {
        const w = byId.get(r.segment_id);
        if (!w || r.revision > w.upTo) continue;
        out.get(w.owner)!.push({
          version: r.version, revision: r.revision, event: r.event, state: r.state, text: r.text, machineText: r.machine_text,
          by: r.actor === null ? null : { id: r.actor, name: r.name ?? r.actor }, comment: r.event === 'source_changed' ? null : r.comment, at: r.at,
        });
        // A changed source: before this revision the segment had another id.
        const was = r.event === 'source_changed' ? /^was (\S+)$/.exec(r.comment ?? '') : null;
        const key = `${w.owner}\n${was?.[1]}\n${r.revision}`;
        if (was && !seen.has(key)) {
          seen.add(key);
          next.push({ id: was[1]!, owner: w.owner, upTo: r.revision - 1 });
        }
      }
    }
    wanted = next;
  }
  for (const list of out.values()) list.sort((a, b) => b.revision - a.revision || b.version - a.version);
  return out;
}

/** One segment's history, newest first: for anyone who may read the translation. */
export async function segmentHistory(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; segmentId: string }): Promise<{ slug: string; locale: string; segmentId: string; revision: number; versions: SegmentHistoryEntry[] }> {
  const db = ctx.store.db;
  const { statement, revision, locale } = await loadTarget(db, input.slug, input.locale);
  if (actor.roles.length === 0) throw new DomainError('forbidden', `${actor.name} has no role`, { roles: ['translator', 'reviewer', 'publisher', 'admin'], locale });
  const translation = await requireTranslation(db, statement.id, locale, input.slug);
  if (!revision.segmentList.some((s) => s.id === input.segmentId)) {
    throw new DomainError('segment_not_found', `No segment ${input.segmentId} in this translation`, { segmentId: input.segmentId });
  }
  const versions = (await historiesOf(db, translation.id, revision.number, [input.segmentId])).get(input.segmentId) ?? [];
  return { slug: statement.slug, locale, segmentId: input.segmentId, revision: revision.number, versions };
}
