/**
 * Quality findings of a locale, as the workflow sees them: every segment rule on each
 * segment with text, every edition rule on the reassembled edition, and the overrides
 * reviewers recorded (an override holds for the text it was given for; an edit makes it
 * lapse). A fatal finding not overridden blocks approval and publication.
 */
import { randomUUID } from 'node:crypto';
import type { Root } from 'mdast';
import { DomainError } from '../errors.ts';
import { reassemble, segmentMarkdown } from '../markdown/index.ts';
import { rewriteUrls } from '../markdown/rewrite-urls.ts';
import { checkEdition, checkSegment } from '../quality/index.ts';
import { ruleIds, type QualityFinding, type RuleId } from '../quality/types.ts';
import type { StoredSegment } from '../store/queries/statements.ts';
import type { Db } from '../store/store.ts';
import { requireRole, type Actor } from '../workflow/roles.ts';
import { iso, type OperationContext } from './context.ts';
import { glossaryIn } from './glossary.ts';
import { linkTargetsFor } from './link-targets.ts';
import { loadTranslation } from './load-translation.ts';
import { sha256 } from './source-document.ts';
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
}

interface QualityInput {
  statement: { source_locale: string; collection: string | null };
  revision: { number: number; markdown: string; mdast: string; segmentList: StoredSegment[] };
  translationId: string;
  locale: string;
  rows: readonly { segment_id: string; state: string; text: string | null; machine_text: string | null }[];
  frontMatterKeys: readonly string[];
}

/** `edition: false` skips the edition rules (and the reassembly they need), for callers that judge segments only. */
export async function localeQuality(db: Db, input: QualityInput, options: { edition?: boolean } = {}): Promise<LocaleQuality> {
  const glossary = await glossaryIn(db, input.statement.collection, input.locale);
  const urlMap = await linkTargetsFor(db, input.locale);
  const overrides = await db
    .selectFrom('finding_overrides')
    .innerJoin('users', 'users.id', 'finding_overrides.overridden_by')
    .select(['finding_overrides.segment_id', 'finding_overrides.rule', 'finding_overrides.text_hash', 'finding_overrides.reason', 'users.name', 'finding_overrides.at'])
    .where('finding_overrides.translation_id', '=', input.translationId)
    .where('finding_overrides.revision', '=', input.revision.number)
    .orderBy('finding_overrides.at', 'asc')
    .execute();
  const overrideOf = (segmentId: string | null, rule: string, text: string | null): Override | undefined => {
    const hash = text === null ? null : sha256(text);
    const o = overrides.filter((x) => x.segment_id === segmentId && x.rule === rule && x.text_hash === hash).at(-1);
    return o ? { reason: o.reason, by: o.name, at: o.at } : undefined;
  };
  const mark = (f: QualityFinding, text: string | null): FindingView => {
    const o = overrideOf(f.segmentId ?? null, f.rule, f.segmentId ? text : null);
    return o ? { ...f, overridden: o } : f;
  };

  const rows = new Map(input.rows.map((r) => [r.segment_id, r]));
  const segments = new Map<string, FindingView[]>();
  for (const s of input.revision.segmentList) {
    const text = rows.get(s.id)?.text ?? null;
    if (text === null) {
      segments.set(s.id, []);
      continue;
    }
    const found = checkSegment({ segment: s, text, sourceLocale: input.statement.source_locale, targetLocale: input.locale, glossary });
    segments.set(s.id, found.map((f) => mark({ ...f, segmentId: s.id }, text)));
  }

  if (options.edition === false) return { segments, edition: [] };
  const doc = segmentMarkdown(rewriteUrls(input.revision.markdown, urlMap), { frontMatterKeys: input.frontMatterKeys });
  const target = reassemble(doc, new Map(input.rows.flatMap((r) => (r.text === null ? [] : [[r.segment_id, r.text] as const])))).tree;
  const edition = checkEdition({
    source: JSON.parse(input.revision.mdast) as Root,
    target,
    sourceLocale: input.statement.source_locale,
    targetLocale: input.locale,
    urlMap: Object.fromEntries(urlMap),
    segments: input.rows.map((r) => ({ id: r.segment_id, state: r.state, text: r.text, machineText: r.machine_text })),
  }).map((f) => mark(f, null));
  return { segments, edition };
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
