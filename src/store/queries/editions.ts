/**
 * Editions: immutable published snapshots. What is live is decided here, once: the live
 * edition of a locale is, among its editions already visible and not withdrawn, the one
 * published LAST (`published_at`): a later publication supersedes an earlier one whatever
 * their embargoes, so a scheduled edition overtaken before its time by a later publication
 * never goes live. `liveOf` is the rule; `liveEditionRow` (SQL reads, then the rule), the
 * readers' index (read-published.ts) and the feeds' list (live-editions.ts) all choose by it.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Schema } from '../schema.ts';
import type { Db } from '../store.ts';

/** `where` clause: the edition has not been withdrawn. */
export const notWithdrawn = ({ not, exists, selectFrom }: ExpressionBuilder<Schema, 'editions'>) =>
  not(exists(selectFrom('edition_withdrawals').select('edition_withdrawals.edition_id').whereRef('edition_withdrawals.edition_id', '=', 'editions.id')));

/** What the rule reads of an edition (of one statement and locale, not withdrawn). */
export interface EditionTimes {
  id: string;
  published_at: string;
  visible_from: string;
  supersedes: string | null;
}

/**
 * The edition published last: the latest `published_at`; of several published at the same
 * instant (a clock that did not move between two publications), the one that supersedes the
 * others (a publication's `supersedes` names the edition published last before it); the
 * id decides only what nothing else can.
 */
function lastPublished<E extends EditionTimes>(editions: readonly E[]): E | undefined {
  let tied: E[] = [];
  for (const e of editions) {
    if (tied.length === 0 || e.published_at > tied[0]!.published_at) tied = [e];
    else if (e.published_at === tied[0]!.published_at) tied.push(e);
  }
  if (tied.length > 1) {
    const superseded = new Set(tied.map((e) => e.supersedes));
    const unsuperseded = tied.filter((e) => !superseded.has(e.id));
    if (unsuperseded.length > 0) tied = unsuperseded;
  }
  return tied.reduce<E | undefined>((best, e) => (best === undefined || e.id > best.id ? e : best), undefined);
}

/** THE RULE: the live edition among a locale's editions not withdrawn, at `at`: visible then, published last. */
export function liveOf<E extends EditionTimes>(editions: readonly E[], at: string): E | undefined {
  return lastPublished(editions.filter((e) => e.visible_from <= at));
}

/**
 * The live edition of each group (a statement's locale) at `now`, and `nextChangeAt`: the
 * earliest time after `now` at which some group's live edition changes by the rule (a
 * scheduled edition that a later publication overtook changes nothing, so it is not one),
 * else null. `rows`: editions not withdrawn, of any groups.
 */
export function liveByGroup<E extends EditionTimes>(rows: readonly E[], groupOf: (e: E) => string, now: string): { live: Map<string, E>; nextChangeAt: string | null } {
  const groups = new Map<string, E[]>();
  for (const r of rows) {
    const key = groupOf(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const live = new Map<string, E>();
  let nextChangeAt: string | null = null;
  for (const [key, group] of groups) {
    const current = liveOf(group, now);
    if (current) live.set(key, current);
    const times = [...new Set(group.map((e) => e.visible_from).filter((t) => t > now))].sort();
    for (const t of times) {
      if (nextChangeAt !== null && t >= nextChangeAt) break;
      if (liveOf(group, t) !== current) {
        nextChangeAt = t;
        break;
      }
    }
  }
  return { live, nextChangeAt };
}

const times = ['id', 'published_at', 'visible_from', 'supersedes'] as const;

/** The times of every edition of a locale, not withdrawn (a handful of light rows). */
async function editionTimesOf(db: Db, statementId: string, locale: string): Promise<EditionTimes[]> {
  return db.selectFrom('editions').select(times).where('statement_id', '=', statementId).where('locale', '=', locale).where(notWithdrawn).execute();
}

async function editionRow(db: Db, id: string | undefined) {
  if (id === undefined) return undefined;
  return db.selectFrom('editions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The edition of a locale live at `at` (by the rule, `liveOf`). */
export async function liveEditionRow(db: Db, statementId: string, locale: string, at: string) {
  return editionRow(db, liveOf(await editionTimesOf(db, statementId, locale), at)?.id);
}

/** The edition of a locale published last, visible or scheduled, not withdrawn. */
export async function latestEditionRow(db: Db, statementId: string, locale: string) {
  return editionRow(db, lastPublished(await editionTimesOf(db, statementId, locale))?.id);
}

/**
 * The scheduled editions of a locale that a new edition overtakes: each would have gone live
 * at its time, and with `added` among the editions never will (no announcement, no
 * correction notice; publish.ts cancels their deliveries). `added` is not in `editions`.
 */
function overtakenBy<E extends EditionTimes>(editions: readonly E[], added: EditionTimes, now: string): E[] {
  const after = [...editions, added];
  return editions.filter((e) => e.visible_from > now && liveOf(editions, e.visible_from) === e && liveOf(after, e.visible_from) !== e);
}

/** `overtakenBy` over the stored editions of a locale. */
export async function overtakenEditions(db: Db, statementId: string, locale: string, added: EditionTimes, now: string): Promise<EditionTimes[]> {
  const editions = (await editionTimesOf(db, statementId, locale)).filter((e) => e.id !== added.id);
  return overtakenBy(editions, added, now);
}
