/**
 * Back-translation for a reviewer who does not read the target language well: each human
 * (or machine) text of a locale machine-translated back into the source language, beside
 * the source. Nothing is stored: it is an aid for reading, never a text of the statement.
 * Do-not-translate glossary terms are protected as drafting protects them (sent as
 * placeholders, put back), so that `Al-Quds` does not come back as `To the-Quds`; the
 * words the engine could not translate are listed per segment (`unknownWords`), so a
 * reviewer does not read them as the translator's.
 */
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import { protectTerms, restoreTerms } from '../mt/glossary-protect.ts';
import { resolveProvider, type ProviderSet, type Routes } from '../mt/routing.ts';
import { batchSegments } from '../mt/translate-document.ts';
import { segmentRows } from '../store/queries/translations.ts';
import type { OperationContext } from './context.ts';
import { glossaryFor } from './glossary.ts';
import { loadTranslation } from './load-translation.ts';

export async function backTranslate(ctx: OperationContext, providers: ProviderSet, routes: Routes, input: { slug: string; locale: string; provider?: string }) {
  const { statement, translation, revision, locale } = await loadTranslation(ctx.store.db, input.slug, input.locale);
  const rows = new Map((await segmentRows(ctx.store.db, translation.id, revision.number)).map((r) => [r.segment_id, r]));
  const { provider, notes } = await resolveProvider(providers, routes, locale, statement.source_locale, input.provider);
  const glossary = (await glossaryFor(ctx, statement.collection, locale)).filter((g) => g.doNotTranslate).map((g) => g.term);
  const terms = new Map<string, Map<number, string>>();
  const withText = revision.segmentList.flatMap((s) => {
    const text = rows.get(s.id)?.text;
    if (!text) return [];
    const p = protectTerms(xmlCodec.decode(text).tokens, glossary);
    terms.set(s.id, p.terms);
    return [{ id: s.id, text: xmlCodec.encode(p.tokens) }];
  });
  const back = new Map<string, { text: string; unknownWords: string[] }>();
  if (provider) {
    for (const batch of batchSegments(withText, provider.limits)) {
      for (const r of await provider.translate({ sourceLocale: locale, targetLocale: statement.source_locale, segments: batch })) {
        const restored = restoreTerms(xmlCodec.decode(r.text).tokens, terms.get(r.id) ?? new Map());
        back.set(r.id, { text: xmlCodec.encode(restored.tokens), unknownWords: r.provenance.unknownWords ?? [] });
      }
    }
  }
  return {
    slug: statement.slug,
    locale,
    sourceLocale: statement.source_locale,
    provider: provider ? { id: provider.id, label: provider.label, development: provider.development } : null,
    notes,
    segments: revision.segmentList.map((s) => ({
      id: s.id,
      source: s.text,
      text: rows.get(s.id)?.text ?? null,
      back: back.get(s.id)?.text ?? null,
      unknownWords: back.get(s.id)?.unknownWords ?? [],
    })),
  };
}
