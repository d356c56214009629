/**
 * Quality findings of a locale, as the workflow sees them: every segment rule on each
 * segment with text, every edition rule on the reassembled edition, and the overrides
 * reviewers recorded (an override holds for the text it was given for; an edit makes it
 * lapse). A fatal finding not overridden blocks approval and publication.
 */
import { randomUUID } from 'node:crypto';
import { documentsOf, type DocumentRunner } from '../documents/workers.ts';
import { DomainError } from '../errors.ts';
import type { Reassembly } from '../markdown/index.ts';
import { ruleIds, type QualityFinding, type RuleId } from '../quality/types.ts';
import type { StoredSegment } from '../store/queries/statements.ts';
import type { Db } from '../store/store.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { glossaryIn } from './glossary.ts';
import { linkTargetsFor } from './link-targets.ts';
import { loadTranslation } from './load-translation.ts';
import { editionKey, inputsHash, segmentKey, type QualityCache } from './quality-cache.ts';
import { revisionDocument } from './revision-cache.ts';
import { sha256 } from '../hash.ts';
import { segmentRows } from '../store/queries/translations.ts';

export interface Override {
  reason: string;
  by: string;
  at: string;
}

export type FindingView = QualityFinding & { overridden?: Override };

export interface LocaleQuality {
  segments: Map<string, FindingView[]>;
  edition: FindingView[];
  /** The edition the edition rules judged (with `keepEdition`): what publication stores, built once. */
  reassembly?: Omit<Reassembly, 'translated'>;
}

interface QualityInput {
  statement: { source_locale: string; collection: string | null };
  revision: { number: number; markdown: string; mdast: string; segmentList: StoredSegment[] };
  translationId: string;
  locale: string;
  rows: readonly { segment_id: string; state: string; text: string | null; machine_text: string | null; machine_provenance?: string | null }[];
  frontMatterKeys: readonly string[];
  /** Which front matter keys name the locale (OperationContext.frontMatterLocaleKeys). */
  frontMatterLocaleKeys?: readonly string[];
  /** Where the checks run (OperationContext.documents); absent: the default pool. */
  documents?: DocumentRunner;
}

/** The overrides recorded on a translation at a revision: marks each finding with the one that holds for it (for its text). */
async function overridesOf(db: Db, translationId: string, revision: number) {
  const overrides = await db
    .selectFrom('finding_overrides')
    .innerJoin('users', 'users.id', 'finding_overrides.overridden_by')
    .select(['finding_overrides.segment_id', 'finding_overrides.rule', 'finding_overrides.text_hash', 'finding_overrides.reason', 'users.name', 'finding_overrides.at'])
    .where('finding_overrides.translation_id', '=', translationId)
    .where('finding_overrides.revision', '=', revision)
    .orderBy('finding_overrides.at', 'asc')
    .execute();
  const overrideOf = (segmentId: string | null, rule: string, text: string | null): Override | undefined => {
    const hash = text === null ? null : sha256(text);
    const o = overrides.filter((x) => x.segment_id === segmentId && x.rule === rule && x.text_hash === hash).at(-1);
    return o ? { reason: o.reason, by: o.name, at: o.at } : undefined;
  };
  return (f: QualityFinding, text: string | null): FindingView => {
    const o = overrideOf(f.segmentId ?? null, f.rule, f.segmentId ? text : null);
    return o ? { ...f, overridden: o } : f;
  };
}

/**
 * `edition: false` skips the edition rules (and the reassembly they need), for callers that judge segments only;
 * `keepEdition: true` hands back the reassembled edition the rules judged (publication stores it: built once).
 */
export async function localeQuality(db: Db, input: QualityInput, options: { edition?: boolean; keepEdition?: boolean } = {}): Promise<LocaleQuality> {
  const glossary = await glossaryIn(db, input.statement.collection, input.locale);
  const urlMap = await linkTargetsFor(db, input.locale);
  const mark = await overridesOf(db, input.translationId, input.revision.number);

  // The checks themselves (and the reassembly the edition rules need) run in a document worker.
  const found = await documentsOf(input).run('quality', {
    sourceLocale: input.statement.source_locale,
    targetLocale: input.locale,
    revision: { markdown: input.revision.markdown, mdast: input.revision.mdast, segmentList: input.revision.segmentList },
    rows: input.rows.map((r) => ({ segment_id: r.segment_id, state: r.state, text: r.text, machine_text: r.machine_text, machine_provenance: r.machine_provenance ?? null })),
    glossary,
    linkTargets: urlMap,
    frontMatterKeys: input.frontMatterKeys,
    ...(input.frontMatterLocaleKeys ? { frontMatterLocaleKeys: input.frontMatterLocaleKeys } : {}),
    edition: options.edition !== false,
    ...(options.keepEdition ? { keepEdition: true } : {}),
  });
  const texts = new Map(input.rows.map((r) => [r.segment_id, r.text]));
  const segments = new Map([...found.segments].map(([id, list]) => [id, list.map((f) => mark(f, texts.get(id) ?? null))]));
  return { segments, edition: found.edition.map((f) => mark(f, null)), ...(found.reassembly ? { reassembly: found.reassembly } : {}) };
}

/** A segment's row as the checks read it, with its version. */
export interface QualityRow {
  segment_id: string;
  state: string;
  text: string | null;
  machine_text: string | null;
  machine_provenance: string | null;
  version: number;
}

interface PageQualityInput {
  statement: { source_locale: string; collection: string | null };
  /** The source revision (its row id: its Markdown and tree are read only when the edition is judged). */
  revision: { id: string; number: number };
  translationId: string;
  locale: string;
  /** The segments the segment rules judge (a page), and their rows as read. */
  segments: readonly StoredSegment[];
  rows: ReadonlyMap<string, QualityRow>;
  /** Every segment's version at the revision, as a sum and a count (translation-tag.ts): names the locale's texts. */
  versions: { sum: number; count: number };
  frontMatterKeys: readonly string[];
  documents?: DocumentRunner;
  cache: QualityCache;
}

/**
 * The findings of a page, for a reader (committed data, read outside a write transaction):
 * the segment rules on the page's segments, the edition rules on the whole locale, both kept
 * in `cache` under keys made of what they depend on (quality-cache.ts), so that a page read
 * again, or another page of an unchanged locale, does no whole-document work. The edition
 * rules run (reassembling the whole edition, in a document worker) only when the locale's
 * texts, the glossary, the link targets or the revision changed since they last ran, and then
 * once however many readers ask meanwhile. Overrides are applied to what the cache gives.
 */
export async function pageQuality(db: Db, input: PageQualityInput, options: { edition?: boolean } = {}): Promise<LocaleQuality> {
  const { cache } = input;
  const glossary = await glossaryIn(db, input.statement.collection, input.locale);
  const linkTargets = await linkTargetsFor(db, input.locale);
  const inputs = inputsHash({ glossary, linkTargets, frontMatterKeys: input.frontMatterKeys });
  const keyOf = (segmentId: string, version: number) => segmentKey({ translationId: input.translationId, revision: input.revision.number, segmentId, version, inputs });
  const task = { sourceLocale: input.statement.source_locale, targetLocale: input.locale, glossary, linkTargets, frontMatterKeys: input.frontMatterKeys };
  const found = new Map<string, readonly QualityFinding[]>();
  /** The page's segments whose findings for these rows are not known yet. */
  const unknown = (rows: ReadonlyMap<string, QualityRow>) =>
    input.segments.filter((s) => {
      if (found.has(s.id)) return false;
      const row = rows.get(s.id);
      if (!row) return false;
      const known = cache.get(keyOf(s.id, row.version));
      if (known) found.set(s.id, known);
      return !known;
    });
  const judge = async (segments: readonly StoredSegment[], rows: readonly QualityRow[], document: { markdown: string; mdast: string } | null) => {
    const out = await documentsOf(input).run('quality', {
      ...task,
      // The Markdown and the tree are read by the edition rules only.
      revision: { markdown: document?.markdown ?? '', mdast: document?.mdast ?? '', segmentList: [...segments] },
      rows,
      edition: document !== null,
    });
    const versions = new Map(rows.map((r) => [r.segment_id, r.version]));
    for (const s of segments) found.set(s.id, cache.set(keyOf(s.id, versions.get(s.id)!), out.segments.get(s.id) ?? []));
    return out.edition;
  };

  let edition: readonly QualityFinding[] = [];
  if (options.edition !== false) {
    const key = (versions: { sum: number; count: number }) => editionKey({ translationId: input.translationId, revision: input.revision.number, versions, inputs });
    edition = await cache.once(key(input.versions), async () => {
      // Every row, and the keys from what was read (a write may have come since the versions were counted).
      const all = await allRows(db, input.translationId, input.revision.number);
      const versions = { sum: all.reduce((n, r) => n + r.version, 0), count: all.length };
      const document = await revisionDocument(db, input.revision.id);
      const findings = await judge(unknown(new Map(all.map((r) => [r.segment_id, r]))), all, document);
      return cache.set(key(versions), findings);
    });
  }
  const rest = unknown(input.rows);
  if (rest.length > 0) await judge(rest, rest.map((s) => input.rows.get(s.id)!), null);

  const mark = await overridesOf(db, input.translationId, input.revision.number);
  const segments = new Map(input.segments.map((s) => [s.id, (found.get(s.id) ?? []).map((f) => mark(f, input.rows.get(s.id)?.text ?? null))]));
  return { segments, edition: edition.map((f) => mark(f, null)) };
}

/** Every row of a translation at a revision, as the checks read them, in document order. */
async function allRows(db: Db, translationId: string, revision: number): Promise<QualityRow[]> {
  return db
    .selectFrom('translation_segments')
    .select(['segment_id', 'state', 'text', 'machine_text', 'machine_provenance', 'version'])
    .where('translation_id', '=', translationId)
    .where('revision', '=', revision)
    .orderBy('position')
    .execute();
}

export const isBlocking = (f: FindingView) => f.severity === 'fatal' && !f.overridden;

/** Refuses with quality_blocked when any finding blocks. */
export function refuseIfBlocked(findings: readonly FindingView[], details: Record<string, unknown>): void {
  const blocking = findings.filter(isBlocking);
  if (blocking.length === 0) return;
  throw new DomainError('quality_blocked', `${blocking.length} quality finding(s) block this`, {
    ...details,
    count: blocking.length,
    findings: blocking.map((f) => ({ rule: f.rule, segmentId: f.segmentId ?? null, key: f.key, args: f.args })),
  });
}

/** A reviewer overrides a finding (of a segment, for its current text; or of the whole edition) with a reason. */
export async function overrideFinding(ctx: OperationContext, actor: Actor, input: { slug: string; locale: string; rule: string; segmentId?: string; reason: string }) {
  const reason = input.reason?.trim() ?? '';
  if (reason === '') throw new DomainError('validation_failed', 'An override needs a reason', { field: 'reason', problem: 'required' });
  if (!(ruleIds as readonly string[]).includes(input.rule)) {
    throw new DomainError('validation_failed', `Unknown rule ${JSON.stringify(input.rule)}`, { field: 'rule', problem: `one of ${ruleIds.join(', ')}` });
  }
  const at = iso(ctx);
  return ctx.store.transaction(async (trx) => {
    const { translation, revision, locale } = await loadTranslation(trx, input.slug, input.locale);
    requireRole(actor, ['reviewer'], locale);
    if (input.rule === 'machine-share') {
      // Publishing past the unreviewed-machine-text gate is the publisher's decision, at publication.
      throw new DomainError('validation_failed', 'The machine-share gate is passed at publication, with a reason (override)', { field: 'rule', problem: 'passed at publication by the publisher' });
    }
    let textHash: string | null = null;
    if (input.segmentId) {
      const row = (await segmentRows(trx, translation.id, revision.number)).find((r) => r.segment_id === input.segmentId);
      if (!row) throw new DomainError('segment_not_found', `No segment ${input.segmentId} in this translation`, { segmentId: input.segmentId });
      textHash = row.text === null ? null : sha256(row.text);
    }
    const row = {
      id: randomUUID(), translation_id: translation.id, revision: revision.number, segment_id: input.segmentId ?? null,
      rule: input.rule as RuleId, text_hash: textHash, reason, overridden_by: actor.id, at,
    };
    await trx.insertInto('finding_overrides').values(row).execute();
    return { id: row.id, locale, rule: row.rule, segmentId: row.segment_id, reason, at };
  });
}
