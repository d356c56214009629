/** BCP 47 language tags, validated and canonicalised with the platform's Intl. */
import { DomainError } from './errors.ts';

export function canonicalLocale(tag: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical) return canonical;
  } catch {
    // falls through to the domain error
  }
  throw new DomainError('locale_invalid', `Not a valid BCP 47 language tag: ${JSON.stringify(tag)}`, { locale: tag });
}
