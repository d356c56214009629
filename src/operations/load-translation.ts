/** The statement, its current revision and a locale's translation, read in one place. */
import { DomainError } from '../errors.ts';
import { canonicalLocale } from '../locale.ts';
import { revisionOf, statementBySlug } from '../store/queries/statements.ts';
import { ensureTranslation, requireTranslation } from '../store/queries/translations.ts';
import type { Db } from '../store/store.ts';

/** The statement and the target locale (canonical), refused when it is the statement's source language. */
export async function targetStatement(db: Db, slug: string, localeTag: string) {
  const locale = canonicalLocale(localeTag);
  const statement = await statementBySlug(db, slug);
  if (locale === statement.source_locale) {
    throw new DomainError('locale_is_source', `${locale} is the source language of ${slug}`, { slug, locale });
  }
  return { locale, statement };
}

export async function loadTarget(db: Db, slug: string, localeTag: string) {
  const { locale, statement } = await targetStatement(db, slug, localeTag);
  const revision = await revisionOf(db, statement.id, statement.current_revision);
  return { locale, statement, revision };
}

export async function loadTranslation(db: Db, slug: string, localeTag: string) {
  const target = await loadTarget(db, slug, localeTag);
  const translation = await requireTranslation(db, target.statement.id, target.locale, slug);
  return { ...target, translation };
}

export async function loadOrStartTranslation(db: Db, slug: string, localeTag: string, at: string) {
  const target = await loadTarget(db, slug, localeTag);
  const translation = await ensureTranslation(db, target.statement.id, target.locale, target.revision.number, target.revision.segmentList, at);
  return { ...target, translation };
}
