/**
 * Back-translation for a reviewer who does not read the target language well: each human
 * (or machine) text of a locale machine-translated back into the source language, beside
 * the source. Nothing is stored: it is an aid for reading, never a text of the statement.
 */
import { resolveProvider, type ProviderSet, type Routes } from '../mt/routing.ts';
import { batchSegments } from '../mt/translate-document.ts';
import { segmentRows } from '../store/queries/translations.ts';
import type { OperationContext } from './context.ts';
import { loadTranslation } from './load-translation.ts';

export async function backTranslate(ctx: OperationContext, providers: ProviderSet, routes: Routes, input: { slug: string; locale: string; provider?: string }) {
  const { statement, translation, revision, locale } = await loadTranslation(ctx.store.db, input.slug, input.locale);
  const rows = new Map((await segmentRows(ctx.store.db, translation.id, revision.number)).map((r) => [r.segment_id, r]));
  const { provider, notes } = await resolveProvider(providers, routes, locale, statement.source_locale, input.provider);
  const withText = revision.segmentList.flatMap((s) => {
    const text = rows.get(s.id)?.text;
    return text ? [{ id: s.id, text }] : [];
  });
  const back = new Map<string, string>();
  if (provider) {
    for (const batch of batchSegments(withText, provider.limits)) {
      for (const r of await provider.translate({ sourceLocale: locale, targetLocale: statement.source_locale, segments: batch })) back.set(r.id, r.text);
    }
  }
  return {
    slug: statement.slug,
    locale,
    sourceLocale: statement.source_locale,
    provider: provider ? { id: provider.id, label: provider.label, development: provider.development } : null,
    notes,
    segments: revision.segmentList.map((s) => ({ id: s.id, source: s.text, text: rows.get(s.id)?.text ?? null, back: back.get(s.id) ?? null })),
  };
}
