/**
 * What an edition of a locale would be if it were published now: the approved (or, for a
 * preview, current) texts put back into the source with the locale's link targets, as an
 * mdast tree, with the counts a publisher decides on. Nothing is stored or checked here:
 * publish.ts stays the one place that gates a publication.
 */
import type { Root } from 'mdast';
import { canonicalLocale } from '../locale.ts';
import { documentsOf } from '../documents/workers.ts';
import { stripPositions } from '../markdown/inline.ts';
import { editionTexts } from '../documents/tasks.ts';
import { machineShareOfRows } from '../quality/machine-share.ts';
import { revisionOf, statementBySlug } from '../store/queries/statements.ts';
import { requireTranslation, segmentRows } from '../store/queries/translations.ts';
import type { OperationContext } from './context.ts';
import { linkTargetsFor } from './link-targets.ts';

export interface EditionPreview {
  locale: string;
  source: boolean;
  tree: Root;
  /** The sanitised <article> readers would see (renderEditionHtml, without footer). */
  html: string;
  segments: number;
  approved: number;
  /** Share of segments whose text is exactly the machine's (quality/machine-share.ts: the gate's own count; the gate is 95%). */
  unreviewedMachineShare: number;
}

export async function previewEdition(ctx: OperationContext, slug: string, localeTag: string): Promise<EditionPreview> {
  const db = ctx.store.db;
  const locale = canonicalLocale(localeTag);
  const statement = await statementBySlug(db, slug);
  const revision = await revisionOf(db, statement.id, statement.current_revision);
  if (locale === statement.source_locale) {
    const tree = stripPositions(JSON.parse(revision.mdast) as Root);
    const n = revision.segmentList.length;
    const html = await documentsOf(ctx).run('render', { tree, locale, options: {} });
    return { locale, source: true, tree, html, segments: n, approved: n, unreviewedMachineShare: 0 };
  }
  const translation = await requireTranslation(db, statement.id, locale, slug);
  const rows = await segmentRows(db, translation.id, revision.number);
  // The recipe publication uses (documents/tasks.ts reassembleEdition), with the texts there are.
  const { tree } = await documentsOf(ctx).run('reassemble', {
    markdown: revision.markdown, locale, ...(ctx.frontMatterLocaleKeys ? { frontMatterLocaleKeys: ctx.frontMatterLocaleKeys } : {}),
    linkTargets: await linkTargetsFor(db, locale), texts: editionTexts(rows), frontMatterKeys: ctx.frontMatterKeys,
  });
  const html = await documentsOf(ctx).run('render', { tree, locale, options: {} });
  return {
    locale,
    source: false,
    tree,
    html,
    segments: rows.length,
    approved: rows.filter((r) => r.state === 'approved').length,
    unreviewedMachineShare: machineShareOfRows(rows).unreviewedShare,
  };
}
